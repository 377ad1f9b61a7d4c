from luhn import luhn_valid


def test_zero():
    assert luhn_valid("0")


def test_valid():
    assert luhn_valid("79927398713")


def test_invalid():
    assert not luhn_valid("79927398710")


def test_small_doubles():
    assert luhn_valid("18")
