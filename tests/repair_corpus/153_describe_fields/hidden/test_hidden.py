from types import SimpleNamespace

from describe import describe


def test_hidden_missing():
    assert describe(SimpleNamespace(), ["a"]) == ""
    assert describe(SimpleNamespace(b=0), ["a", "b", "c"]) == "b=0"
