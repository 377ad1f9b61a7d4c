from brackets import balanced


def test_nested():
    assert balanced("f(a[1], {b: 2})")


def test_wrong_order():
    assert not balanced("(]")


def test_close_first():
    assert not balanced(")(")
