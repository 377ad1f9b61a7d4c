from urls import query_string


def test_hidden_values():
    assert query_string({"ok": True, "ratio": 0.5}) == "ok=True&ratio=0.5"
    assert query_string({"tag": "x/y"}) == "tag=x/y"
