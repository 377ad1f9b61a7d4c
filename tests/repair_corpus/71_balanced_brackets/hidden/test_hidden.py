from brackets import balanced


def test_hidden_brackets():
    assert balanced("")
    assert not balanced("((")
    assert not balanced("}")
    assert balanced("[()]{}")
