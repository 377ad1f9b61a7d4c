from rotation import is_rotation


def test_hidden_rotation():
    assert is_rotation("", "")
    assert is_rotation("ab", "ba")
    assert not is_rotation("ab", "aba")
    assert not is_rotation("aaa", "aa")
    assert not is_rotation("a", "")
