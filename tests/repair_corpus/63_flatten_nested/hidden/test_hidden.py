from nesting import flatten


def test_hidden_flatten():
    assert flatten([]) == []
    assert flatten([[[]], [5]]) == [5]
    assert flatten([["a", ["b"]], "c"]) == ["a", "b", "c"]
