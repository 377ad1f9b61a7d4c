from textblocks import paragraphs


def test_two():
    assert paragraphs(["a", "b", "", "c", ""]) == ["a b", "c"]


def test_without_trailing_blank():
    assert paragraphs(["one", "", "two"]) == ["one", "two"]
