from except_self import product_except_self


def test_four():
    assert product_except_self([1, 2, 3, 4]) == [24, 12, 8, 6]


def test_single():
    assert product_except_self([5]) == [1]


def test_with_zero():
    assert product_except_self([2, 0, 3]) == [0, 6, 0]
