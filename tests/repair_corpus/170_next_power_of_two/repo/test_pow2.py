from pow2 import next_power_of_two


def test_exact_power():
    assert next_power_of_two(8) == 8


def test_between():
    assert next_power_of_two(9) == 16


def test_small():
    assert next_power_of_two(0) == 1
