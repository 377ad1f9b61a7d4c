from ledger import deposits, withdrawals


def test_only_deposits():
    assert deposits([10, 20]) == 30


def test_mixed():
    assert deposits([10, -5, 20]) == 30


def test_withdrawals():
    assert withdrawals([10, -5, -1]) == 6
