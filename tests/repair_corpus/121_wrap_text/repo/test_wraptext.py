from wraptext import wrap


def test_one_line():
    assert wrap("a b c", 10) == ["a b c"]


def test_two_lines():
    assert wrap("the quick brown fox", 10) == ["the quick", "brown fox"]
