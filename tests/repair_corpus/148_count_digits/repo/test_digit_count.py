from digit_count import count_digits


def test_one_digit():
    assert count_digits(7) == 1


def test_several():
    assert count_digits(1234) == 4
