from flatten import flatten


def test_hidden_deep():
    tree = {"a": {"b": {"c": 1, "d": {"e": 2}}, "f": 3}, "g": 4, "h": {}}
    assert flatten(tree) == {"a.b.c": 1, "a.b.d.e": 2, "a.f": 3, "g": 4}


def test_hidden_prefix():
    assert flatten({"x": {"y": 1}}, "root") == {"root.x.y": 1}
