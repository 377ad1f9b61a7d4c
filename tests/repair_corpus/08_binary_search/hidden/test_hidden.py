from search import index_of


def test_hidden_search():
    xs = list(range(0, 40, 3))
    assert all(index_of(xs, x) == i for i, x in enumerate(xs))
    assert index_of(xs, 2) == -1
    assert index_of(xs, 100) == -1
    assert index_of([], 1) == -1
