from words import counts, top


def test_counts():
    assert counts("a b A") == {"a": 2, "b": 1}


def test_top():
    assert top("x y y z z z", 2) == ["z", "y"]
