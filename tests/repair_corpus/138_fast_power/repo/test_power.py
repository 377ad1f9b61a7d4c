from power import power


def test_zero_exponent():
    assert power(5, 0, 7) == 1


def test_small():
    assert power(2, 3, 100) == 8


def test_even_exponent():
    assert power(3, 4, 1000) == 81
