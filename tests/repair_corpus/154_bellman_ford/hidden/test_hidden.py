from bellman import shortest


def test_hidden_negative_and_shortcut():
    edges = [(0, 1, 4), (0, 2, 1), (2, 1, 2), (1, 3, -3), (2, 3, 5)]
    assert shortest(4, edges, 0) == [0, 3, 1, 0]
    assert shortest(3, [(1, 0, 1), (1, 2, 1)], 1) == [1, 0, 1]
