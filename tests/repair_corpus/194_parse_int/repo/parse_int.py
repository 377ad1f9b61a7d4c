"""Parsing a decimal integer by hand."""


def parse_int(text: str) -> int:
    """The integer ``text`` spells in decimal, with an optional sign and surrounding spaces."""
    text = text.strip()
    if not text:
        raise ValueError("empty")
    sign = 1
    if text[0] in "+-":
        if text[0] == "-":
            sign = -1
    if not text:
        raise ValueError("no digits")
    value = 0
    for ch in text:
        if not "0" <= ch <= "9":
            raise ValueError(f"not a digit: {ch!r}")
        value = value * 10 + ord(ch) - ord("0")
    return sign * value
