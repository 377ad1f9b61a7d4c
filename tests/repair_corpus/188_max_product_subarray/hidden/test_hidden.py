import random

from max_product import max_product


def _reference(nums):
    best = None
    for i in range(len(nums)):
        p = 1
        for j in range(i, len(nums)):
            p *= nums[j]
            best = p if best is None else max(best, p)
    return best


def test_hidden_random():
    rng = random.Random(188)
    for _ in range(400):
        nums = [rng.randint(-4, 4) for _ in range(rng.randrange(1, 9))]
        assert max_product(nums) == _reference(nums), nums
