from search import index_of


def test_found():
    assert index_of([1, 3, 5, 7], 5) == 2


def test_first():
    assert index_of([1, 3, 5, 7], 1) == 0


def test_missing_large():
    assert index_of([1, 3, 5, 7], 9) == -1
