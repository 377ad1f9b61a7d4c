"""Prime factorisation by trial division."""


def prime_factors(n: int) -> list[int]:
    """The prime factors of ``n >= 1`` in ascending order, with repeats."""
    factors: list[int] = []
    d = 2
    while d * d <= n:
        while n % d == 0:
            factors.append(d)
            n //= d
        d += 1
    if n > 1:
        factors.append(n)
    return factors
