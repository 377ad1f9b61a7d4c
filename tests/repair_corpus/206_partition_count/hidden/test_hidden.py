from partitions import partitions

KNOWN = [1, 1, 2, 3, 5, 7, 11, 15, 22, 30, 42, 56, 77, 101, 135]


def test_hidden_known():
    for n, count in enumerate(KNOWN):
        assert partitions(n, n) == count, n


def test_hidden_two_parts():
    for n in range(0, 20):
        assert partitions(n, 2) == n // 2 + 1, n
