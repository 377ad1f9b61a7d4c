from summary import Summary


def test_single_value():
    s = Summary()
    s.add(4.0)
    assert s.as_dict() == {"count": 1, "mean": 4.0, "low": 4.0, "high": 4.0}


def test_mean_of_three():
    s = Summary()
    for x in (1.0, 2.0, 6.0):
        s.add(x)
    assert s.mean == 3.0
