from flatten import flatten


def test_flat():
    assert flatten({"a": 1, "b": 2}) == {"a": 1, "b": 2}


def test_nested():
    assert flatten({"a": {"b": 1}, "c": 3}) == {"a.b": 1, "c": 3}
