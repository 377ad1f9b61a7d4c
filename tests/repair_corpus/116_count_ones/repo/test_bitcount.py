from bitcount import count_ones


def test_zero():
    assert count_ones(0) == 0


def test_seven():
    assert count_ones(7) == 3


def test_power_of_two():
    assert count_ones(64) == 1
