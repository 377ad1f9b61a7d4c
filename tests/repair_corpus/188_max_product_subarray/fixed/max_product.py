"""Maximum product of a contiguous run."""


def max_product(nums: list[int]) -> int:
    """The largest product of a non-empty contiguous run of ``nums``."""
    best = high = low = nums[0]
    for x in nums[1:]:
        if x < 0:
            high, low = low, high
        high = max(x, high * x)
        low = min(x, low * x)
        best = max(best, high)
    return best
