import random
from fractions import Fraction

from determinant import determinant


def _det(m):
    a = [[Fraction(x) for x in row] for row in m]
    n, sign, prod = len(a), 1, Fraction(1)
    for c in range(n):
        p = next((r for r in range(c, n) if a[r][c] != 0), None)
        if p is None:
            return 0
        if p != c:
            a[c], a[p] = a[p], a[c]
            sign = -sign
        prod *= a[c][c]
        for r in range(c + 1, n):
            f = a[r][c] / a[c][c]
            a[r] = [x - f * y for x, y in zip(a[r], a[c])]
    return int(sign * prod)


def test_hidden_random():
    rng = random.Random(251)
    for _ in range(150):
        n = rng.randint(1, 4)
        m = [[rng.randint(-4, 4) for _ in range(n)] for _ in range(n)]
        assert determinant(m) == _det(m), m
