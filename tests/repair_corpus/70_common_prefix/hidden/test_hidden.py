from prefixes import common_prefix


def test_hidden_prefix():
    assert common_prefix(["dog", "racecar"]) == ""
    assert common_prefix(["same"]) == "same"
    assert common_prefix(["ab", "abc", "a"]) == "a"
