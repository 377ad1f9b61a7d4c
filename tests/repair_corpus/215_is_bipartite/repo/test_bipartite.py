from bipartite import is_bipartite


def test_empty():
    assert is_bipartite({})


def test_edge():
    assert is_bipartite({0: [1], 1: [0]})


def test_square():
    assert is_bipartite({0: [1, 3], 1: [0, 2], 2: [1, 3], 3: [2, 0]})


def test_triangle():
    assert not is_bipartite({0: [1, 2], 1: [0, 2], 2: [0, 1]})
