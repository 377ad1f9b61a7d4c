from graph_hops import hops


def test_hidden_hops():
    graph = {"a": ["b", "c"], "b": ["d"], "c": ["d"], "d": ["a"]}
    assert hops(graph, "a") == {"a": 0, "b": 1, "c": 1, "d": 2}
    assert hops(graph, "d") == {"d": 0, "a": 1, "b": 2, "c": 2}
