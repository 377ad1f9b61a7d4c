from dijkstra import shortest_distances


def test_hidden_dijkstra():
    graph = {
        "s": {"z": 9, "a": 2, "m": 4},
        "a": {"m": 1, "z": 10},
        "m": {"z": 2, "b": 7},
        "z": {"b": 1},
        "b": {},
    }
    assert shortest_distances(graph, "s") == {"s": 0, "a": 2, "m": 3, "z": 5, "b": 6}
    assert shortest_distances(graph, "m") == {"m": 0, "z": 2, "b": 3}
