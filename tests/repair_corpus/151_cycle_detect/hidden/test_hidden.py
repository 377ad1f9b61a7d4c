from cycle import chain, has_cycle


def test_hidden_lengths():
    assert not has_cycle(None)
    for n in range(1, 9):
        assert not has_cycle(chain(n))
        assert has_cycle(chain(n, n - 1))
        assert has_cycle(chain(n, 0))
