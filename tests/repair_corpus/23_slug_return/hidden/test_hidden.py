from slugs import slugify, unique_slug


def test_hidden_slugs():
    assert slugify("  Rust & Python 3 ") == "rust-python-3"
    assert unique_slug("a", {"a", "a-2"}) == "a-3"
    assert unique_slug("b", set()) == "b"
