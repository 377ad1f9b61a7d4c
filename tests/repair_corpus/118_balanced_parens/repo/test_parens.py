from parens import balanced


def test_empty():
    assert balanced("")


def test_nested():
    assert balanced("([]{})")


def test_wrong_order():
    assert not balanced("(]")


def test_left_open():
    assert not balanced("((")
