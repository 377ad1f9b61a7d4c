from max_product import max_product


def test_positive_run():
    assert max_product([2, 3, -2, 4]) == 6


def test_single():
    assert max_product([-2]) == -2


def test_two_negatives():
    assert max_product([-2, 3, -4]) == 24
