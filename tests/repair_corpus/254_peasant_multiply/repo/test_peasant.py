from peasant import multiply


def test_by_zero():
    assert multiply(7, 0) == 0


def test_by_one():
    assert multiply(9, 1) == 9


def test_small():
    assert multiply(3, 5) == 15


def test_larger():
    assert multiply(12, 13) == 156
