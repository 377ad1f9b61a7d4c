from depth import max_depth


def test_hidden_strings():
    cases = {"": 0, "((()))": 3, "()(())": 2, "(()())": 2, "x(y(z)w)v": 2, "((a)(b(c)))": 3}
    for text, want in cases.items():
        assert max_depth(text) == want, text
