from caesar import decode, encode


def test_encode():
    assert encode("abc XYZ", 3) == "def ABC"


def test_round_trip():
    assert decode(encode("Hello, World", 5), 5) == "Hello, World"
