from norm import norm


def test_empty():
    assert norm([]) == 0.0


def test_one_axis():
    assert norm([0.0, 0.0, 5.0]) == 5.0


def test_three_four():
    assert norm([3.0, 4.0]) == 5.0


def test_negative():
    assert norm([-1.0, 2.0, -2.0]) == 3.0
