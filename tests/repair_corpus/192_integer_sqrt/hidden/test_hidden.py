import math

from isqrt import isqrt


def test_hidden_range():
    for n in range(0, 3000):
        assert isqrt(n) == math.isqrt(n), n
