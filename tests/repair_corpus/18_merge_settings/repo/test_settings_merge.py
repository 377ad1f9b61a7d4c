from settings_merge import merge


def test_defaults_kept():
    assert merge({"a": 1}, {}) == {"a": 1}


def test_override():
    assert merge({"a": 1, "b": 2}, {"b": 3}) == {"a": 1, "b": 3}


def test_nested():
    assert merge({"db": {"host": "x", "port": 1}}, {"db": {"port": 2}}) == {"db": {"host": "x", "port": 2}}
