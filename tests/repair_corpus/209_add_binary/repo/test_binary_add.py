from binary_add import add_binary


def test_zeros():
    assert add_binary("0", "0") == "0"


def test_carry():
    assert add_binary("1", "1") == "10"


def test_longer():
    assert add_binary("1010", "1011") == "10101"
