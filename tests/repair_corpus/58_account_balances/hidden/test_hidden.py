from statement import balances


def test_hidden_balances():
    assert balances(0.0, [1.5, 1.5, -4.0]) == [1.5, 3.0, -1.0]
    assert balances(100.0, [0.1]) == [100.1]
