from prices import largest_move


def test_hidden_moves():
    assert largest_move([5.0, 5.0]) == 0.0
    assert largest_move([1.0, -3.0, 0.0]) == 4.0
    assert largest_move([0.0, 2.0, -5.0]) == 7.0
