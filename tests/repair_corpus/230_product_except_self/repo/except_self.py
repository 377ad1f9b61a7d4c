"""Products of all other items."""


def product_except_self(nums: list[int]) -> list[int]:
    """For each position, the product of every other item (no division)."""
    out = [1] * len(nums)
    prefix = 0
    for i in range(len(nums)):
        out[i] = prefix
        prefix *= nums[i]
    suffix = 1
    for i in range(len(nums) - 1, -1, -1):
        out[i] *= suffix
        suffix *= nums[i]
    return out
