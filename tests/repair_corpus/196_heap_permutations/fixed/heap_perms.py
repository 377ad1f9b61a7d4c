"""Permutations by Heap's algorithm, as a generator."""

from collections.abc import Iterator


def permutations(items: list[int]) -> Iterator[list[int]]:
    """Every ordering of ``items`` (Heap's algorithm), each as a list of its own."""
    perm = list(items)

    def generate(k: int) -> Iterator[list[int]]:
        if k <= 1:
            yield list(perm)
            return
        for i in range(k - 1):
            yield from generate(k - 1)
            j = i if k % 2 == 0 else 0
            perm[j], perm[k - 1] = perm[k - 1], perm[j]
        yield from generate(k - 1)

    return generate(len(perm))
