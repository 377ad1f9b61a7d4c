from happy import is_happy


def test_one():
    assert is_happy(1)


def test_nineteen():
    assert is_happy(19)


def test_two_is_not():
    assert not is_happy(2)
