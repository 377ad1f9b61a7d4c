"""Remove duplicates from a sorted list."""


def dedupe_sorted(items: list[int]) -> list[int]:
    """The distinct items of a sorted list, in order (compacted in a copy)."""
    a = list(items)
    if not a:
        return a
    write = 1
    for read in range(1, len(a)):
        if a[read] != a[write - 1]:
            a[write] = a[read]
            write += 1
    return a[:write]
