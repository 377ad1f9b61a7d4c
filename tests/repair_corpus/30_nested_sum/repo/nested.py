"""Nested number lists."""


def deep_sum(items: list) -> int:
    """Sum of all numbers in a nested list."""
    head, rest = items[0], items[1:]
    value = deep_sum(head) if isinstance(head, list) else head
    return value + deep_sum(rest)


def depth(items: list) -> int:
    """Nesting depth (1 for a flat list)."""
    return 1 + max((depth(i) for i in items if isinstance(i, list)), default=0)
