from graph_hops import hops


def test_chain():
    assert hops({"a": ["b"], "b": ["c"]}, "a") == {"a": 0, "b": 1, "c": 2}


def test_alone():
    assert hops({}, "x") == {"x": 0}
