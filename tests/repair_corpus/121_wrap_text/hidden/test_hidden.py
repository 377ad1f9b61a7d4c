from wraptext import wrap


def test_hidden_wrap():
    assert wrap("", 5) == []
    assert wrap("   ", 5) == []
    assert wrap("abcdefgh ij", 4) == ["abcdefgh", "ij"]
    assert wrap("aa bb cc dd", 5) == ["aa bb", "cc dd"]
