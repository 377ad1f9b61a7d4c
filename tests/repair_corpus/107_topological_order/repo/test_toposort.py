from toposort import topological_order


def test_single():
    assert topological_order({"a": []}) == ["a"]


def test_independent():
    assert topological_order({"a": [], "b": []}) == ["a", "b"]


def test_chain():
    assert topological_order({"a": ["b"], "b": ["c"], "c": []}) == ["a", "b", "c"]
