from fill import flood_fill


def test_same_colour_is_a_no_op():
    assert flood_fill([[1]], 0, 0, 1) == [[1]]


def test_column():
    assert flood_fill([[0], [0], [1]], 0, 0, 2) == [[2], [2], [1]]


def test_row_from_the_right():
    assert flood_fill([[0, 0, 0]], 0, 2, 5) == [[5, 5, 5]]
