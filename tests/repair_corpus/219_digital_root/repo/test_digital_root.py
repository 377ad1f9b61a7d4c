from digital_root import digital_root


def test_zero():
    assert digital_root(0) == 0


def test_digit():
    assert digital_root(7) == 7


def test_two_steps():
    assert digital_root(942) == 6


def test_big():
    assert digital_root(493193) == 2
