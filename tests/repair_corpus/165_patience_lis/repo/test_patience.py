from patience import lis_length


def test_empty():
    assert lis_length([]) == 0


def test_increasing():
    assert lis_length([1, 2, 3]) == 3


def test_repeats_are_not_increasing():
    assert lis_length([2, 2, 2]) == 1
