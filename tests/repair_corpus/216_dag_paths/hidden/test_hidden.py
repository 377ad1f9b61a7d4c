from dag_paths import all_paths


def test_hidden_chain():
    graph = {str(i): [str(i + 1)] for i in range(6)}
    assert all_paths(graph, "0", "6") == [[str(i) for i in range(7)]]


def test_hidden_ladder():
    graph = {"s": ["a", "b"], "a": ["b", "t"], "b": ["t"], "t": []}
    assert all_paths(graph, "s", "t") == [["s", "a", "b", "t"], ["s", "a", "t"], ["s", "b", "t"]]
