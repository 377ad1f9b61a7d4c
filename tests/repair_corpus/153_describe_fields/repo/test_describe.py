from types import SimpleNamespace

from describe import describe


def test_all_present():
    assert describe(SimpleNamespace(a=1, b="x"), ["a", "b"]) == "a=1, b=x"


def test_none_is_left_out():
    assert describe(SimpleNamespace(a=None, b=2), ["a", "b"]) == "b=2"


def test_missing_is_left_out():
    assert describe(SimpleNamespace(a=1), ["a", "size"]) == "a=1"
