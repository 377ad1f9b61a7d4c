from infix import to_rpn


def test_number():
    assert to_rpn(["7"]) == ["7"]


def test_precedence():
    assert to_rpn("1 + 2 * 3".split()) == ["1", "2", "3", "*", "+"]


def test_brackets():
    assert to_rpn("( 1 + 2 ) * 3".split()) == ["1", "2", "+", "3", "*"]


def test_left_associative():
    assert to_rpn("8 - 3 - 2".split()) == ["8", "3", "-", "2", "-"]
