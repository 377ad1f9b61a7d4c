from digit_count import count_digits


def test_hidden_digits():
    for n, d in [(0, 1), (9, 1), (10, 2), (99, 2), (100, 3), (-45, 2), (10**12, 13)]:
        assert count_digits(n) == d
