from tokens import count_tokens


def test_hidden_tokens():
    assert count_tokens(["# only a comment"]) == 0
    assert count_tokens(["x", "y z w"]) == 4
