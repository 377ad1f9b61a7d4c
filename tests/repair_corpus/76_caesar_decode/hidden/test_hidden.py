from caesar import decode


def test_hidden_decode():
    assert decode("def", 3) == "abc"
    assert decode("a", 1) == "z"
    assert decode("Same!", 0) == "Same!"
