from quick import quicksort


def test_empty_and_one():
    a: list[int] = []
    quicksort(a)
    assert a == []
    b = [1]
    quicksort(b)
    assert b == [1]


def test_sorts():
    a = [3, 1, 2]
    quicksort(a)
    assert a == [1, 2, 3]


def test_sorts_reversed():
    a = [4, 3, 2, 1]
    quicksort(a)
    assert a == [1, 2, 3, 4]
