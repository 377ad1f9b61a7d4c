from figurate import triangular


def test_first_four():
    assert triangular(4) == [1, 3, 6, 10]


def test_none():
    assert triangular(0) == []
