from prefixes import common_prefix


def test_shared():
    assert common_prefix(["interview", "internet", "interval"]) == "inter"


def test_none():
    assert common_prefix([]) == ""
