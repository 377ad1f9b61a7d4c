from users import domains, email_of


def test_email():
    assert email_of({"profile": {"email": "a@x.io"}}) == "a@x.io"


def test_no_profile():
    assert email_of({"name": "ghost"}) is None


def test_domains():
    assert domains([{"profile": {"email": "a@x.io"}}, {"profile": {"email": "b@y.io"}}]) == {"x.io", "y.io"}
