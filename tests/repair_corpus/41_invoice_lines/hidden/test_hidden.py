from invoice import last_line


def test_hidden_last():
    assert last_line([("a", 1.0)]) == "a"
    assert last_line([("a", 1.0), ("b", 2.0), ("c", 3.0)]) == "c"
