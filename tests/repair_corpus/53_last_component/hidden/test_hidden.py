from names import last_component


def test_hidden_last():
    assert last_component("a/b/") == "b"
    assert last_component("") == ""
    assert last_component("x/y/z") == "z"
