from dag_paths import all_paths


def test_same_node():
    assert all_paths({"a": []}, "a", "a") == [["a"]]


def test_no_path():
    assert all_paths({"a": ["b"], "b": []}, "b", "a") == []


def test_diamond():
    graph = {"a": ["b", "c"], "b": ["d"], "c": ["d"], "d": []}
    assert all_paths(graph, "a", "d") == [["a", "b", "d"], ["a", "c", "d"]]
