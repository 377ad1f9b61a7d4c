from functools import cache

from coin_ways import coin_ways


def _ways(amount, coins):
    @cache
    def go(rest, i):
        if rest == 0:
            return 1
        if rest < 0 or i == len(coins):
            return 0
        return go(rest - coins[i], i) + go(rest, i + 1)

    return go(amount, 0)


def test_hidden_table():
    for coins in ([1], [2, 5], [1, 5, 10, 25], [3, 4, 7]):
        for amount in range(40):
            assert coin_ways(amount, coins) == _ways(amount, tuple(coins))
