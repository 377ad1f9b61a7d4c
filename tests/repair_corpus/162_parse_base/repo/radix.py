"""Parse an unsigned integer written in bases 2 to 16."""

DIGITS = "0123456789abcdef"


def parse(text: str, base: int) -> int:
    """The value of ``text`` (digits ``0-9a-f``, either case) in ``base``."""
    if not 2 <= base <= 16:
        raise ValueError(f"base must be 2..16, got {base}")
    value = 0
    for ch in text.lower():
        digit = DIGITS.index(ch)
        if digit >= base:
            raise ValueError(f"{ch!r} is not a base-{base} digit")
        value = value * 10 + digit
    return value
