from words import counts, top


def test_hidden_counts():
    assert counts("") == {}
    assert top("b a", 5) == ["a", "b"]
