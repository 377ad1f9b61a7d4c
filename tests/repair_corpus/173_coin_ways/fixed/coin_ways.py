"""How many ways coins make up an amount."""


def coin_ways(amount: int, coins: list[int]) -> int:
    """The number of multisets of ``coins`` (each usable any number of times) summing to ``amount``."""
    table = [1] + [0] * amount
    for coin in coins:
        for total in range(coin, amount + 1):
            table[total] += table[total - coin]
    return table[amount]
