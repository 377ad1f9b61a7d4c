from second import second_largest


def test_three():
    assert second_largest([3, 9, 4]) == 4


def test_repeated_max():
    assert second_largest([7, 7, 2]) == 2


def test_single():
    assert second_largest([5]) == float("-inf")
