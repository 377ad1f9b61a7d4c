from isbn import is_valid_isbn10


def test_short():
    assert not is_valid_isbn10("123")


def test_valid():
    assert is_valid_isbn10("0306406152")


def test_valid_x():
    assert is_valid_isbn10("080442957X")


def test_invalid():
    assert not is_valid_isbn10("0306406153")


def test_letter():
    assert not is_valid_isbn10("03064061A2")
