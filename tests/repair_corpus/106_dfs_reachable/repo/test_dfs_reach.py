from dfs_reach import reachable


def test_direct():
    assert reachable({"a": ["b"]}, "a", "b")


def test_chain():
    assert reachable({"a": ["b"], "b": ["c"]}, "a", "c")


def test_no_path_in_a_cycle():
    assert not reachable({"a": ["b"], "b": ["a"]}, "a", "c")
