"""Cocktail shaker sort."""


def cocktail_sort(items: list[int]) -> list[int]:
    """A sorted copy of items, by bubbling both ways in turn."""
    a = list(items)
    lo, hi = 0, len(a) - 1
    swapped = True
    while swapped:
        swapped = False
        for i in range(lo, hi):
            if a[i] > a[i + 1]:
                a[i], a[i + 1] = a[i + 1], a[i]
                swapped = True
        hi -= 1
        for i in range(hi, lo, -1):
            if a[i - 1] > a[i]:
                a[i - 1], a[i] = a[i], a[i - 1]
                swapped = True
        lo += 1
    return a
