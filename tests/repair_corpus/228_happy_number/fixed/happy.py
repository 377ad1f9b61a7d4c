"""Happy numbers."""


def is_happy(n: int) -> bool:
    """Whether repeatedly summing the squares of n's digits reaches 1."""
    seen: set[int] = set()
    while n != 1 and n not in seen:
        seen.add(n)
        n = sum(int(d) ** 2 for d in str(n))
    return n == 1
