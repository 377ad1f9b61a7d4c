from checks import all_positive, first_negative


def test_all_positive():
    assert all_positive([1, 2, 3])


def test_negative_later():
    assert not all_positive([1, -2, 3])


def test_first_negative():
    assert first_negative([3, -1, -5]) == -1
    assert first_negative([1]) is None
