from bfs_hops import hops


def test_same_node():
    assert hops({"a": ["b"]}, "a", "a") == 0


def test_unreachable():
    assert hops({"a": ["b"], "b": []}, "a", "c") == -1


def test_shortcut():
    graph = {"a": ["b", "c"], "b": ["d"], "c": ["x"], "x": ["d"]}
    assert hops(graph, "a", "d") == 2
