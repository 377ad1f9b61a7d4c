from inversions import count_inversions


def test_sorted():
    assert count_inversions([1, 2, 3]) == 0


def test_pair():
    assert count_inversions([2, 1]) == 1


def test_reversed():
    assert count_inversions([4, 3, 2, 1]) == 6


def test_mixed():
    assert count_inversions([3, 1, 2]) == 2
