from graphs.model import Graph
from graphs.walk import depth_first


def test_hidden_diamond():
    graph = Graph()
    for a, b in (("a", "b"), ("a", "c"), ("b", "d"), ("c", "d"), ("d", "a")):
        graph.add_edge(a, b)
    assert depth_first(graph, "a") == ["a", "b", "d", "c"]
    assert depth_first(graph, "c") == ["c", "d", "a", "b"]
