from flatten_list import flatten


def test_hidden_flatten():
    assert flatten([]) == []
    assert flatten([[], [[]]]) == []
    assert flatten([["a"], "b", [["c", ["d"]]]]) == ["a", "b", "c", "d"]
