from feed import Post, visible


def test_hidden_feed():
    assert visible([]) == []
    assert visible([Post("x", hidden=True)]) == []
    assert visible([Post("y"), Post("z")]) == ["y", "z"]
