"""Second largest value."""


def second_largest(values: list[int]) -> float:
    """The largest value strictly below the maximum (-inf when there is none)."""
    first = second = float("-inf")
    for v in values:
        if v > first:
            second = first
            first = v
        elif first > v > second:
            second = v
    return first
