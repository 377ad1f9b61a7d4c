from triangle import is_triangle


def test_right_triangle():
    assert is_triangle(3, 4, 5)


def test_degenerate():
    assert not is_triangle(1, 2, 3)


def test_long_first_side():
    assert not is_triangle(10, 2, 3)


def test_zero_side():
    assert not is_triangle(0, 1, 1)
