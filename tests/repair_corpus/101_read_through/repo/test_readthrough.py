from readthrough import ReadThrough


def test_miss_then_hit():
    cache = ReadThrough({"a": 1}.get)
    assert cache.get("a") == 1
    assert cache.get("a") == 1
    assert cache.misses == 1


def test_default():
    assert ReadThrough({}.get).get("x", 5) == 5
