"""Order statistics without sorting."""


def kth_smallest(xs: list[int], k: int) -> int:
    """The k-th smallest element of ``xs`` (k counts from 0)."""
    pivot = xs[len(xs) // 2]
    below = [x for x in xs if x < pivot]
    above = [x for x in xs if x > pivot]
    upto = len(xs) - len(above)
    if k < len(below):
        return kth_smallest(below, k)
    if k >= upto:
        return kth_smallest(above, k)
    return pivot
