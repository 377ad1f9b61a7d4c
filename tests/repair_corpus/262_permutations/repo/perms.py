"""All orderings of a list."""

from collections.abc import Iterator


def permutations(xs: list[int]) -> Iterator[list[int]]:
    """Every ordering of xs, each once (items are distinct), first items in list order."""
    if len(xs) <= 1:
        yield list(xs)
        return
    for i, x in enumerate(xs):
        rest = xs[:i] + xs[i + 1:]
        for p in permutations(rest):
            yield [x] + rest
