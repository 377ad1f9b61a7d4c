from fib_iter import fibonacci


def test_hidden_fibonacci():
    assert fibonacci(10) == 55
    assert fibonacci(1) == 1
    assert fibonacci(0) == 0
