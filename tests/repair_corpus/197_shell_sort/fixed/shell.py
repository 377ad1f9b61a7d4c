"""Shell sort with the halving gap sequence."""


def shell_sort(items: list[int]) -> list[int]:
    """A sorted copy of ``items``."""
    a = list(items)
    gap = len(a) // 2
    while gap > 0:
        for i in range(gap, len(a)):
            value = a[i]
            j = i
            while j >= gap and a[j - gap] > value:
                a[j] = a[j - gap]
                j -= gap
            a[j] = value
        gap //= 2
    return a
