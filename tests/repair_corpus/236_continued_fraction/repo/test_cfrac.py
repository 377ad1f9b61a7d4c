from cfrac import continued_fraction


def test_whole():
    assert continued_fraction(6, 3) == [2]


def test_classic():
    assert continued_fraction(415, 93) == [4, 2, 6, 7]


def test_below_one():
    assert continued_fraction(3, 8) == [0, 2, 1, 2]
