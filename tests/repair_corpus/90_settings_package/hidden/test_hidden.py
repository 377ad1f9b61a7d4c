from settings.loader import load


def test_hidden_layers():
    merged = load({"db": {"host": "a"}}, {"db": {"host": "b", "user": "u"}})
    assert merged["db"] == {"host": "b", "port": 5432, "user": "u"}
