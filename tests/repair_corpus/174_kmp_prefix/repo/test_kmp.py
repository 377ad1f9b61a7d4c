from kmp import prefix_function


def test_empty():
    assert prefix_function("") == []


def test_no_repeat():
    assert prefix_function("abc") == [0, 0, 0]


def test_fallback():
    assert prefix_function("aabaaab") == [0, 1, 0, 1, 2, 2, 3]
