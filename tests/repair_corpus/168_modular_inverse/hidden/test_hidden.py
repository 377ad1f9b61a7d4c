from math import gcd

from modinv import inverse


def test_hidden_all_small_moduli():
    for m in range(2, 60):
        for a in range(1, m):
            if gcd(a, m) == 1:
                x = inverse(a, m)
                assert 0 <= x < m and a * x % m == 1
