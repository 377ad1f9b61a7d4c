"""The Luhn checksum of card numbers."""


def luhn_valid(number: str) -> bool:
    """Whether the digits of number pass the Luhn check."""
    total = 0
    for position, char in enumerate(reversed(number)):
        digit = int(char)
        if position % 2 == 1:
            digit *= 2
            if digit > 9:
                digit += 9
        total += digit
    return total % 10 == 0
