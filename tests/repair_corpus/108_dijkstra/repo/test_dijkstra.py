from dijkstra import shortest_distances


def test_alone():
    assert shortest_distances({}, "a") == {"a": 0}


def test_one_edge():
    assert shortest_distances({"a": {"b": 4}}, "a") == {"a": 0, "b": 4}


def test_detour_is_shorter():
    graph = {"a": {"b": 1, "c": 5}, "b": {"c": 1}}
    assert shortest_distances(graph, "a") == {"a": 0, "b": 1, "c": 2}
