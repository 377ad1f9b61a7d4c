from powers import is_power_of_two


def test_hidden_range():
    powers = {2 ** k for k in range(20)}
    for n in range(-50, 5000):
        assert is_power_of_two(n) == (n in powers), n
