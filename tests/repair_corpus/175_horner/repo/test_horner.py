from horner import evaluate


def test_constant():
    assert evaluate([5], 3) == 5


def test_linear():
    assert evaluate([2, 1], 4) == 9


def test_empty():
    assert evaluate([], 2) == 0
