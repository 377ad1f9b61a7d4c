from trie import Trie


def test_stored_word():
    t = Trie()
    t.insert("car")
    assert t.contains("car")
    assert not t.contains("cat")


def test_prefix():
    t = Trie()
    t.insert("card")
    assert t.has_prefix("ca")
    assert not t.has_prefix("co")


def test_prefix_is_not_a_word():
    t = Trie()
    t.insert("card")
    assert not t.contains("car")
