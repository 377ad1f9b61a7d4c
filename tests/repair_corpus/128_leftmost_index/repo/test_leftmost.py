from leftmost import leftmost


def test_empty():
    assert leftmost([], 3) == 0


def test_after_all():
    assert leftmost([1, 2, 3], 9) == 3


def test_duplicates():
    assert leftmost([1, 2, 2, 2, 3], 2) == 1
