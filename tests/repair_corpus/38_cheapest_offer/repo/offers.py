"""Supplier offers."""


def cheapest(offers: dict[str, float]) -> str:
    """Supplier with the lowest price."""
    if not offers:
        raise ValueError("no offers")
    return max(offers, key=offers.__getitem__)


def total_cost(offers: dict[str, float], quantity: int) -> float:
    """Cost of buying ``quantity`` from the cheapest supplier."""
    return offers[cheapest(offers)] * quantity
