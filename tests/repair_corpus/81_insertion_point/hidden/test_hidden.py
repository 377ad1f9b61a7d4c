from insertion import insertion_point


def test_hidden_insertion():
    assert insertion_point([], 5) == 0
    assert insertion_point([1, 2, 3], 9) == 3
    assert insertion_point([1, 3, 3, 5], 3) == 1
