from settings_merge import merge


def test_hidden_merge():
    assert merge({}, {"new": [1]}) == {"new": [1]}
    assert merge({"a": {"b": 1}}, {"a": 5}) == {"a": 5}
