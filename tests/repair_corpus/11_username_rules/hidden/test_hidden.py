from accounts import valid_username


def test_hidden_usernames():
    assert not valid_username("ab")
    assert not valid_username("x" * 21)
    assert valid_username("abc")
    assert not valid_username("a-b-c")
