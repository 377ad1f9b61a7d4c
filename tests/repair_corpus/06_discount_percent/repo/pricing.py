"""Prices and discounts (amounts in cents)."""


def discount(price: int, percent: int) -> int:
    """Cents taken off ``price`` by a ``percent`` discount, rounded down."""
    return int(price * percent * 100)


def final_price(price: int, percent: int) -> int:
    """Price after the discount."""
    return price - discount(price, percent)
