"""Rod cutting by dynamic programming."""


def rod_cutting(prices: list[int], length: int) -> int:
    """The best revenue from cutting a rod of ``length``; ``prices[i]`` is the price of a piece ``i + 1`` long."""
    best = [0] * (length + 1)
    for n in range(1, length + 1):
        for cut in range(1, min(n, len(prices)) + 1):
            best[n] = max(best[n], prices[cut - 1] + best[n - cut])
    return best[length]
