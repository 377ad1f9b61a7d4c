"""Euler's totient function."""


def phi(n: int) -> int:
    """How many of ``1..n`` are coprime to ``n`` (``n >= 1``)."""
    result = n
    p = 2
    while p * p <= n:
        if n % p == 0:
            while n % p == 0:
                n //= p
            result -= result // p
        p += 1
    if n > 1:
        result -= result // n
    return result
