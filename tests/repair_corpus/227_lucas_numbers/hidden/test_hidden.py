from lucas import lucas


def test_hidden_sequence():
    a, b = 2, 1
    for n in range(18):
        assert lucas(n) == a, n
        a, b = b, a + b
