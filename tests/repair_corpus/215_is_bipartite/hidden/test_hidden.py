from bipartite import is_bipartite


def ring(n):
    return {i: [(i - 1) % n, (i + 1) % n] for i in range(n)}


def test_hidden_rings():
    for n in range(3, 12):
        assert is_bipartite(ring(n)) == (n % 2 == 0), n


def test_hidden_path_and_star():
    assert is_bipartite({0: [1], 1: [0, 2], 2: [1, 3], 3: [2]})
    assert is_bipartite({0: [1, 2, 3], 1: [0], 2: [0], 3: [0]})
