from lis import longest_increasing


def test_empty():
    assert longest_increasing([]) == 0


def test_decreasing():
    assert longest_increasing([5, 4, 3]) == 1


def test_mixed():
    assert longest_increasing([3, 1, 4, 2, 5]) == 3
