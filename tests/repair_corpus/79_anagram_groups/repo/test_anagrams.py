from anagrams import anagram_groups


def test_groups():
    assert anagram_groups(["listen", "silent", "enlist", "google"]) == [["listen", "silent", "enlist"], ["google"]]


def test_same_word():
    assert anagram_groups(["ab", "ab"]) == [["ab", "ab"]]
