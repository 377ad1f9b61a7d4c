from summary import Summary


def test_hidden_mean():
    s = Summary()
    for x in (10.0, 20.0):
        s.add(x)
    assert s.mean == 15.0
    assert (s.low, s.high, s.count) == (10.0, 20.0, 2)
