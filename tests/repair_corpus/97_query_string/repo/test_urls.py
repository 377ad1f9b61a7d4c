from urls import query_string


def test_strings():
    assert query_string({"q": "a b", "lang": "en"}) == "lang=en&q=a%20b"


def test_numbers():
    assert query_string({"page": 2, "size": 50}) == "page=2&size=50"


def test_none_skipped():
    assert query_string({"a": None}) == ""
