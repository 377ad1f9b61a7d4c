from pascal import pascal


def test_none():
    assert pascal(0) == []


def test_one():
    assert pascal(1) == [[1]]


def test_four():
    assert pascal(4) == [[1], [1, 1], [1, 2, 1], [1, 3, 3, 1]]
