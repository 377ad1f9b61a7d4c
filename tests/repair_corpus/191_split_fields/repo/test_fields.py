from fields import split_fields


def test_plain():
    assert split_fields("a,b,c") == ["a", "b", "c"]


def test_single():
    assert split_fields("a") == ["a"]


def test_quoted_comma():
    assert split_fields('"x,y",z') == ["x,y", "z"]
