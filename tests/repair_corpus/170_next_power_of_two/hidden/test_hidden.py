from pow2 import next_power_of_two


def test_hidden_range():
    for n in range(-3, 300):
        expected = 1
        while expected < n:
            expected *= 2
        assert next_power_of_two(n) == expected
