from graphs.model import Graph
from graphs.walk import breadth_first, depth_first


def _graph(*edges):
    graph = Graph()
    for a, b in edges:
        graph.add_edge(a, b)
    return graph


def test_breadth_first():
    assert breadth_first(_graph(("a", "b"), ("a", "c"), ("b", "d")), "a") == ["a", "b", "c", "d"]


def test_depth_first_tree():
    assert depth_first(_graph(("a", "b"), ("a", "c"), ("b", "d")), "a") == ["a", "b", "d", "c"]


def test_depth_first_cycle():
    assert depth_first(_graph(("a", "b"), ("b", "a")), "a") == ["a", "b"]
