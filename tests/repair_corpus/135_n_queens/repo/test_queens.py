from queens import count_queens


def test_one():
    assert count_queens(1) == 1


def test_too_small():
    assert count_queens(2) == 0
    assert count_queens(3) == 0


def test_four():
    assert count_queens(4) == 2
