"""Lexicographic permutations."""


def next_permutation(xs: list[int]) -> list[int] | None:
    """The permutation of ``xs`` that follows it in lexicographic order, or None after the last one."""
    xs = list(xs)
    i = len(xs) - 2
    while i >= 0 and xs[i] >= xs[i + 1]:
        i -= 1
    if i < 0:
        return None
    j = len(xs) - 1
    while xs[j] >= xs[i]:
        j -= 1
    xs[i], xs[j] = xs[j], xs[i]
    xs[i + 1 :] = reversed(xs[i + 1 :])
    return xs
