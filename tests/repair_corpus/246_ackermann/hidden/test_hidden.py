from ackermann import ackermann


def test_hidden_table():
    for n in range(6):
        assert ackermann(0, n) == n + 1
        assert ackermann(1, n) == n + 2
        assert ackermann(2, n) == 2 * n + 3
        assert ackermann(3, n) == 2 ** (n + 3) - 3
