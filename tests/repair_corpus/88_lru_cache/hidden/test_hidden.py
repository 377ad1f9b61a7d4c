from lru import LRUCache


def test_hidden_lru():
    cache = LRUCache(3)
    for key in "abc":
        cache.put(key, key.upper())
    assert cache.get("a") == "A"
    assert cache.get("b") == "B"
    cache.put("d", "D")
    assert cache.get("c") is None
    assert cache.get("missing", 0) == 0
