"""Discount codes."""


def best_price(price: float, codes: list[str], rates: dict[str, float]) -> float:
    """The lowest price any of ``codes`` gives (``price`` itself when none is known)."""
    best = price
    for code in codes:
        rate = rates.get(code)
        if rate is None:
            continue
        discounted = round(price * (1 - rate), 2)
        best = min(best, discounted)
    return best
