from kadane import max_subarray


def test_single():
    assert max_subarray([4]) == 4


def test_all_positive():
    assert max_subarray([1, 2, 3]) == 6


def test_restart():
    assert max_subarray([-5, 2, 3]) == 5
