from bit_reverse import reverse_bits


def test_zero():
    assert reverse_bits(0, 8) == 0


def test_one():
    assert reverse_bits(1, 4) == 8


def test_pattern():
    assert reverse_bits(0b0011, 4) == 0b1100
