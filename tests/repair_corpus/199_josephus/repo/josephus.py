"""The Josephus problem."""


def josephus(n: int, k: int) -> int:
    """The 0-based position of the survivor when every ``k``-th of ``n`` people in a circle leaves."""
    return (josephus(n - 1, k) + k) % n
