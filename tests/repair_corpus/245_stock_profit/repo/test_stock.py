from stock import max_profit


def test_empty():
    assert max_profit([]) == 0


def test_rising():
    assert max_profit([1, 2, 5]) == 4


def test_falling():
    assert max_profit([9, 7, 4]) == 0


def test_dip():
    assert max_profit([7, 1, 5, 3, 6, 4]) == 5
