from common_prefix import common_prefix


def test_none():
    assert common_prefix([]) == ""


def test_one_word():
    assert common_prefix(["flow"]) == "flow"


def test_shared():
    assert common_prefix(["flower", "flow", "flight"]) == "fl"
