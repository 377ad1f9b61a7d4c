from nested import deep_sum, depth


def test_flat():
    assert deep_sum([1, 2, 3]) == 6


def test_nested():
    assert deep_sum([1, [2, [3]], 4]) == 10


def test_depth():
    assert depth([1, [2, [3]]]) == 3
