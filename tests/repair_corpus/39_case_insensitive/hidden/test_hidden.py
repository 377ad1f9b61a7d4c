from tags import TagIndex


def test_hidden_has():
    index = TagIndex(["MiXeD"])
    assert index.has(" MIXED ")
    assert index.has("mixed")
    assert not index.has("mix")
