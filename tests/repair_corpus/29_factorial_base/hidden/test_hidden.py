from combinatorics import choose, factorial


def test_hidden_factorials():
    assert [factorial(n) for n in range(6)] == [1, 1, 2, 6, 24, 120]
    assert choose(4, 0) == 1
    assert choose(4, 4) == 1
