from stairs import stair_ways


def test_hidden_fibonacci():
    a, b = 1, 1
    for n in range(60):
        assert stair_ways(n) == a
        a, b = b, a + b
