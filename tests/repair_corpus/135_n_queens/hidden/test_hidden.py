from queens import count_queens


def test_hidden_queens():
    assert count_queens(5) == 10
    assert count_queens(6) == 4
    assert count_queens(8) == 92
