import pytest

from stack import Stack


def test_hidden_stack():
    s = Stack()
    for item in "abc":
        s.push(item)
    assert s.peek() == "c"
    assert [s.pop(), s.pop()] == ["c", "b"]
    assert len(s) == 1
    s.pop()
    with pytest.raises(IndexError):
        s.peek()
