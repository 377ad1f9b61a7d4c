from semver.version import parse


def test_parse_plain():
    assert str(parse("1.2.3")) == "1.2.3"


def test_parse_rejects_garbage():
    import pytest

    with pytest.raises(ValueError):
        parse("one.two")
