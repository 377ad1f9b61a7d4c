from depth import max_depth


def test_no_brackets():
    assert max_depth("abc") == 0


def test_one_pair():
    assert max_depth("(a)") == 1


def test_nested():
    assert max_depth("(1+(2*3)+((8)/4))+1") == 3


def test_siblings():
    assert max_depth("()()") == 1
