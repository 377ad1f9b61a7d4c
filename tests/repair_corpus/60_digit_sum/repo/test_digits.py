from digits import digit_sum, digital_root


def test_digit_sum():
    assert digit_sum(1234) == 10


def test_negative():
    assert digit_sum(-56) == 11


def test_root():
    assert digital_root(9875) == 2
