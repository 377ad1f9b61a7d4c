from tokens import count_tokens


def test_empty():
    assert count_tokens([]) == 0


def test_counts():
    assert count_tokens(["a b", "c # d e"]) == 3
