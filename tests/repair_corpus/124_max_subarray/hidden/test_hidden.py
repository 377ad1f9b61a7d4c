from kadane import max_subarray


def test_hidden_max_subarray():
    assert max_subarray([-2, 1, -3, 4, -1, 2, 1, -5, 4]) == 6
    assert max_subarray([-3, -1, -2]) == -1
    assert max_subarray([2, -10, 3]) == 3
    assert max_subarray([5, -1, 5]) == 9
