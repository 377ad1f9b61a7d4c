"""Maximum subarray sum."""


def max_subarray(xs: list[int]) -> int:
    """Largest sum of a non-empty contiguous run of ``xs``."""
    best = here = xs[0]
    for x in xs[1:]:
        here = max(x, here + x)
        best = max(best, here)
    return best
