"""Perfect numbers."""


def is_perfect(n: int) -> bool:
    """Whether n equals the sum of its proper divisors."""
    if n < 2:
        return False
    total = 0
    for d in range(1, n // 2 + 1):
        if n % d == 0:
            total += d
    return total == n
