from combos import combinations


def test_too_many():
    assert combinations([1, 2], 3) == []


def test_pairs():
    assert combinations([1, 2, 3], 2) == [(1, 2), (1, 3), (2, 3)]


def test_choose_none():
    assert combinations([1, 2], 0) == [()]
