"""Next greater element."""


def next_greater(items: list[int]) -> list[int]:
    """For each item, the first later item greater than it (-1 when there is none)."""
    result = [-1] * len(items)
    stack: list[int] = []
    for i, x in enumerate(items):
        while stack and items[stack[-1]] < x:
            result[stack.pop()] = x
    return result
