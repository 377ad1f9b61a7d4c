from digital_root import digital_root


def test_hidden_formula():
    for n in range(0, 3000):
        assert digital_root(n) == (0 if n == 0 else 1 + (n - 1) % 9), n
