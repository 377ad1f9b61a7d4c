from graphs.dag import reachable


def test_reachable():
    assert reachable({"a": ["b"], "b": ["c"]}, "a") == {"a", "b", "c"}
