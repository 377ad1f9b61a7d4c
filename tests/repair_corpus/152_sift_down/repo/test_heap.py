from heap import heapsort, sift_down


def test_small():
    assert heapsort([]) == []
    assert heapsort([2, 1]) == [1, 2]


def test_sorts():
    assert heapsort([5, 3, 8, 1, 9, 2]) == [1, 2, 3, 5, 8, 9]


def test_sift_down_one_level():
    h = [5, 3, 4, 9, 8]
    sift_down(h, 0)
    assert h == [3, 5, 4, 9, 8]
