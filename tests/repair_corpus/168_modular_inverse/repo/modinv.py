"""Modular inverse by the extended Euclidean algorithm."""


def egcd(a: int, b: int) -> tuple[int, int, int]:
    """``(g, x, y)`` with ``g = gcd(a, b) = a * x + b * y``."""
    if b == 0:
        return a, 1, 0
    g, x, y = egcd(b, a % b)
    return g, y, x - (a // b) * y


def inverse(a: int, m: int) -> int:
    """``x`` in ``0..m-1`` with ``a * x % m == 1``; ``ValueError`` when there is none."""
    g, x, _ = egcd(m, a)
    if g != 1:
        raise ValueError(f"{a} has no inverse modulo {m}")
    return x % m
