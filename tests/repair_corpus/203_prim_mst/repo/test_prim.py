from prim import prim_weight


def test_single():
    assert prim_weight({"a": {}}, "a") == 0


def test_pair():
    assert prim_weight({"a": {"b": 4}, "b": {"a": 4}}, "a") == 4


def test_triangle():
    graph = {"a": {"b": 1, "c": 3}, "b": {"a": 1, "c": 2}, "c": {"a": 3, "b": 2}}
    assert prim_weight(graph, "a") == 3
