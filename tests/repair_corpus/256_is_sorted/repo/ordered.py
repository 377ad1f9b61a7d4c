"""Is a list in non-decreasing order?"""


def is_sorted(xs: list[int]) -> bool:
    """True when every item is at least the one before it."""
    for i in range(len(xs)):
        if xs[i - 1] > xs[i]:
            return False
    return True
