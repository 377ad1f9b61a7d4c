"""Selection sort."""


def selection_sort(xs: list[int]) -> list[int]:
    """A sorted copy of ``xs``."""
    a = list(xs)
    for i in range(len(a)):
        smallest = i
        for j in range(i + 1, len(a)):
            if a[j] < a[smallest]:
                smallest = j
        a[i], a[smallest] = a[smallest], a[i]
    return a
