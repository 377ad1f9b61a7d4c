from perfect import is_perfect


def test_one():
    assert not is_perfect(1)


def test_six():
    assert is_perfect(6)


def test_twenty_eight():
    assert is_perfect(28)


def test_twelve():
    assert not is_perfect(12)
