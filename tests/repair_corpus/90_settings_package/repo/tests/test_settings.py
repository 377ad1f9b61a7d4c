from settings.loader import load


def test_defaults():
    assert load()["db"]["port"] == 5432


def test_override_top_level():
    assert load({"debug": True})["debug"] is True


def test_override_nested():
    assert load({"db": {"port": 6543}})["db"] == {"host": "localhost", "port": 6543}
