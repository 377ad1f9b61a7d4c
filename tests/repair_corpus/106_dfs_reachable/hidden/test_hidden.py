from dfs_reach import reachable


def test_hidden_reachable():
    graph = {"a": ["b", "c"], "b": ["a", "d"], "c": ["c"], "d": ["b", "e"], "e": []}
    assert reachable(graph, "a", "e")
    assert not reachable(graph, "e", "a")
    assert not reachable(graph, "c", "a")
    assert reachable(graph, "d", "a")
    big = {str(i): [str(i + 1), "0"] for i in range(120)}
    assert reachable(big, "0", "120")
    assert not reachable(big, "5", "x")
