from fib_iter import fibonacci


def test_small():
    assert [fibonacci(n) for n in range(6)] == [0, 1, 1, 2, 3, 5]
