"""Best single buy-and-sell profit."""


def max_profit(prices: list[int]) -> int:
    """The largest prices[j] - prices[i] with i < j, or 0 when no sale makes money."""
    if not prices:
        return 0
    lowest = 0
    best = 0
    for price in prices[1:]:
        lowest = min(lowest, price)
        best = max(best, price - lowest)
    return best
