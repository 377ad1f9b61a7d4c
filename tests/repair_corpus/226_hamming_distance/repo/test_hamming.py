from hamming import hamming_distance


def test_same():
    assert hamming_distance(7, 7) == 0


def test_one_and_four():
    assert hamming_distance(1, 4) == 2


def test_zero():
    assert hamming_distance(0, 15) == 4
