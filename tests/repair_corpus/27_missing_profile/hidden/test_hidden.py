from users import domains


def test_hidden_domains():
    assert domains([{"profile": {"email": "a@x.io"}}, {}]) == {"x.io"}
    assert domains([]) == set()
