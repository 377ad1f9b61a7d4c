from substring import longest_common_substring


def test_nothing_shared():
    assert longest_common_substring("abc", "xyz") == ""


def test_same_place():
    assert longest_common_substring("abcd", "abzz") == "ab"


def test_shifted():
    assert longest_common_substring("xxabc", "abcq") == "abc"


def test_inside():
    assert longest_common_substring("hello world", "yellow") == "ello"
