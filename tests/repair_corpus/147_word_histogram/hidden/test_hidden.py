from histogram import histogram


def test_hidden_counts():
    assert histogram("x") == {"x": 1}
    assert histogram("b a b c b") == {"b": 3, "a": 1, "c": 1}
