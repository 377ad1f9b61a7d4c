from coin_ways import coin_ways


def test_zero_amount():
    assert coin_ways(0, [1, 2]) == 1


def test_small():
    assert coin_ways(4, [1, 2, 3]) == 4


def test_no_way():
    assert coin_ways(3, [2]) == 0
