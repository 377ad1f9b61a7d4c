"""Making change."""


def ways_to_pay(amount: int, coins: list[int]) -> int:
    """How many ways ``amount`` can be paid with ``coins`` (order does not matter)."""
    table = [1] + [0] * amount
    for coin in coins:
        for value in range(coin, amount):
            table[value] += table[value - coin]
    return table[amount]
