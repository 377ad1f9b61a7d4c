from flag import dutch_flag


def test_empty():
    assert dutch_flag([]) == []


def test_sorted():
    assert dutch_flag([0, 1, 2]) == [0, 1, 2]


def test_one_two_zero():
    assert dutch_flag([1, 2, 0]) == [0, 1, 2]


def test_mixed():
    assert dutch_flag([2, 0, 2, 1, 1, 0]) == [0, 0, 1, 1, 2, 2]
