from ledger import deposits


def test_hidden_deposits():
    assert deposits([]) == 0
    assert deposits([-1, -2]) == 0
    assert deposits([0, 3, -3]) == 3
