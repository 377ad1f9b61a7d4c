"""ISBN-10 check digits."""


def is_valid_isbn10(code: str) -> bool:
    """Whether code (ten characters, the last may be X) has a valid ISBN-10 check digit."""
    if len(code) != 10:
        return False
    total = 0
    for i, ch in enumerate(code):
        if ch == "X" and i == 9:
            value = 10
        elif ch.isdigit():
            value = int(ch)
        else:
            return False
        total += (10 - i) * value
    return total % 11 == 0
