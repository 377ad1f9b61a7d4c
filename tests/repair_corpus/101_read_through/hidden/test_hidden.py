from readthrough import ReadThrough


def test_hidden_values():
    cache = ReadThrough({"k": [1, 2]}.get)
    assert cache.get("k") == [1, 2]
    assert cache.get("nope") is None
    assert cache.misses == 2
