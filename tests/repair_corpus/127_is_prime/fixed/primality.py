"""Primality by trial division."""


def is_prime(n: int) -> bool:
    """Whether ``n`` is prime."""
    if n < 2:
        return False
    d = 2
    while d * d <= n:
        if n % d == 0:
            return False
        d += 1
    return True
