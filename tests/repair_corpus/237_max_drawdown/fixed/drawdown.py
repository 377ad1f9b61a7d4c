"""Maximum drawdown of a price series."""


def max_drawdown(prices: list[int]) -> int:
    """The largest fall from a peak to a later price (0 when prices never fall)."""
    if not prices:
        return 0
    peak = prices[0]
    worst = 0
    for x in prices:
        peak = max(peak, x)
        worst = max(worst, peak - x)
    return worst
