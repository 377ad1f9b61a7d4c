"""The smallest power of two not below a number."""


def next_power_of_two(n: int) -> int:
    """The smallest power of two that is at least ``n`` (1 for ``n <= 1``)."""
    power = 1
    while power < n:
        power <<= 1
    return power
