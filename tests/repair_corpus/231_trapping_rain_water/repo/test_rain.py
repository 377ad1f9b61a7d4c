from rain import trapped_water


def test_empty():
    assert trapped_water([]) == 0


def test_classic():
    assert trapped_water([0, 1, 0, 2, 1, 0, 1, 3, 2, 1, 2, 1]) == 6


def test_valley():
    assert trapped_water([4, 2, 0, 3, 2, 5]) == 9
