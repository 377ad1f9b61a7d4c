from newton import sqrt


def test_perfect_square():
    assert abs(sqrt(16) - 4) < 0.01


def test_two():
    assert abs(sqrt(2) ** 2 - 2) <= 0.01
