import math

from binomial import choose


def test_hidden_table():
    for n in range(25):
        for k in range(n + 1):
            assert choose(n, k) == math.comb(n, k)
