from change import ways_to_pay


def test_hidden_change():
    assert ways_to_pay(3, [2]) == 0
    assert ways_to_pay(10, [2, 5, 3, 6]) == 5
    assert ways_to_pay(4, [1]) == 1
