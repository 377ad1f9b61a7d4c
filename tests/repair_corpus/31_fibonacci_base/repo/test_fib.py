from fib import fib


def test_zero():
    assert fib(0) == 0


def test_small():
    assert fib(1) == 1
    assert fib(2) == 1


def test_ten():
    assert fib(10) == 55
