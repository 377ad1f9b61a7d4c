from combinatorics import choose, factorial


def test_factorial():
    assert factorial(5) == 120


def test_choose():
    assert choose(5, 2) == 10
