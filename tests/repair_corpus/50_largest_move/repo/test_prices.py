from prices import largest_move


def test_rising():
    assert largest_move([1.0, 2.0, 4.0]) == 2.0


def test_falling():
    assert largest_move([10.0, 4.0, 5.0]) == 6.0


def test_short():
    assert largest_move([3.0]) == 0.0
