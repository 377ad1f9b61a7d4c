from drawdown import max_drawdown


def test_empty():
    assert max_drawdown([]) == 0


def test_rising():
    assert max_drawdown([1, 2, 3]) == 0


def test_fall_then_rise():
    assert max_drawdown([5, 9, 4, 7, 1, 8]) == 8


def test_single_fall():
    assert max_drawdown([10, 6]) == 4
