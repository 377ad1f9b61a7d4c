from cycle import chain, has_cycle


def test_loops():
    assert has_cycle(chain(1, 0))
    assert has_cycle(chain(5, 2))


def test_odd_length_without_loop():
    assert not has_cycle(chain(3))


def test_even_length_without_loop():
    assert not has_cycle(chain(4))
