from kth_perm import kth_permutation


def test_first():
    assert kth_permutation([1, 2, 3], 0) == [1, 2, 3]


def test_second():
    assert kth_permutation([1, 2, 3], 1) == [1, 3, 2]


def test_last():
    assert kth_permutation([3, 1, 2], 5) == [3, 2, 1]


def test_middle():
    assert kth_permutation([1, 2, 3, 4], 9) == [2, 3, 4, 1]
