from stack import Stack


def _stack(*items):
    s = Stack()
    for item in items:
        s.push(item)
    return s


def test_pop_is_last_in():
    assert _stack(1, 2, 3).pop() == 3


def test_peek_is_last_in():
    assert _stack(1, 2).peek() == 2
