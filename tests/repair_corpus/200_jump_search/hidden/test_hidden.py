from jump import jump_search


def test_hidden_every_position():
    for n in range(0, 40):
        xs = list(range(0, 2 * n, 2))
        for i, x in enumerate(xs):
            assert jump_search(xs, x) == i, (n, x)
        assert jump_search(xs, -1) == -1
        assert jump_search(xs, 2 * n + 1) == -1
        assert jump_search(xs, 1) == -1
