from paths import relative, strip_prefix


def test_no_prefix():
    assert strip_prefix("abc", "x") == "abc"


def test_prefix():
    assert strip_prefix("v1.2", "v") == "1.2"


def test_relative():
    assert relative("/srv/app/main.py", "/srv/") == "app/main.py"
