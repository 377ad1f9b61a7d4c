from textblocks import paragraphs


def test_hidden_paragraphs():
    assert paragraphs([]) == []
    assert paragraphs(["x"]) == ["x"]
    assert paragraphs(["", "", "a", " b "]) == ["a b"]
