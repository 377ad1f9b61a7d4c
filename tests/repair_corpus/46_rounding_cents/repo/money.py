"""Money formatting."""


def to_amount(cents: int) -> float:
    """Cents to a currency amount."""
    return round(cents / 100, 1)


def fmt(cents: int, currency: str = "EUR") -> str:
    return f"{to_amount(cents):.2f} {currency}"
