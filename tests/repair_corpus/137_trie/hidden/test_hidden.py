from trie import Trie


def test_hidden_trie():
    t = Trie()
    for w in ("a", "an", "ant", "bee"):
        t.insert(w)
    assert t.contains("an") and t.contains("a") and t.contains("ant")
    assert not t.contains("b") and not t.contains("be") and not t.contains("ants")
    assert t.has_prefix("be") and not t.has_prefix("c")
    assert not Trie().contains("")
