from bitcount import count_ones


def test_hidden_count_ones():
    for n in range(300):
        assert count_ones(n) == bin(n).count("1")
    assert count_ones(2**40 + 5) == 3
