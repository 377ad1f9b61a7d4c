from parens import balanced


def test_hidden_balanced():
    assert balanced("a(b[c]{d}e)f")
    assert not balanced("(()")
    assert not balanced("[")
    assert not balanced(")(")
    assert not balanced("{[}]")
    assert balanced("()()[]")
