from paths import strip_prefix


def test_hidden_prefixes():
    assert strip_prefix("abc", "abc") == ""
    assert strip_prefix("abc", "") == "abc"
    assert strip_prefix("aab", "a") == "ab"
