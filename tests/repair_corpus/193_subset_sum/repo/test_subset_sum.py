from subset_sum import can_sum


def test_pair():
    assert can_sum([3, 4], 7)


def test_too_big():
    assert not can_sum([5], 3)


def test_once_only():
    assert not can_sum([3], 6)
