from change import ways_to_pay


def test_small():
    assert ways_to_pay(5, [1, 2, 5]) == 4


def test_zero():
    assert ways_to_pay(0, [1, 2]) == 1
