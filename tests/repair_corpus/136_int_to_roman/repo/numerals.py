"""Integers as Roman numerals."""

TABLE = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
]


def to_roman(n: int) -> str:
    """``1994`` -> ``"MCMXCIV"`` (1 to 3999)."""
    out = []
    for value, symbol in TABLE:
        if n >= value:
            out.append(symbol)
            n -= value
    return "".join(out)
