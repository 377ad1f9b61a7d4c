from rle import decode


def test_hidden_decode():
    assert decode("a") == "a"
    assert decode("ab") == "ab"
    assert decode("2ab") == "aab"
    assert decode("12z") == "z" * 12
    assert decode("10a1b") == "a" * 10 + "b"
    assert decode("x3y") == "xyyy"
