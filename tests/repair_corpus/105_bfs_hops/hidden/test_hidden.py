from bfs_hops import hops


def test_hidden_hops():
    graph = {"a": ["b", "c", "e"], "b": ["d"], "c": ["x"], "x": ["d", "y"], "e": ["f"], "f": ["g"], "g": ["y"], "d": ["y"]}
    assert hops(graph, "a", "y") == 3
    assert hops(graph, "a", "d") == 2
    assert hops(graph, "c", "y") == 2
    assert hops(graph, "y", "a") == -1
    ring = {str(i): [str((i + 1) % 6), str((i - 1) % 6)] for i in range(6)}
    assert hops(ring, "0", "3") == 3
    assert hops(ring, "0", "5") == 1
