"""Price series."""


def largest_move(prices: list[float]) -> float:
    """The largest change between consecutive prices, up or down."""
    if len(prices) < 2:
        return 0.0
    return max(b - a for a, b in zip(prices, prices[1:]))
