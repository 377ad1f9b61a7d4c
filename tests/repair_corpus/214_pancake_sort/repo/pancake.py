"""Pancake sort: only prefix reversals."""


def flip(items: list[int], k: int) -> None:
    """Reverse items[0..k] in place (k included)."""
    items[: k + 1] = items[:k][::-1]


def pancake_sort(items: list[int]) -> list[int]:
    """A sorted copy of items, built by flips."""
    result = list(items)
    for size in range(len(result), 1, -1):
        biggest = result.index(max(result[:size]))
        if biggest != size - 1:
            flip(result, biggest)
            flip(result, size - 1)
    return result
