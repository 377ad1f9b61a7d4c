from statement import balances


def test_balances():
    assert balances(10.0, [5.0, -3.0]) == [15.0, 12.0]


def test_no_movements():
    assert balances(3.0, []) == []
