from anagrams import anagram_groups


def test_hidden_anagrams():
    assert anagram_groups([]) == []
    assert anagram_groups(["Tea", "eat", "tan", "nat"]) == [["Tea", "eat"], ["tan", "nat"]]
