from slugs import slugify, unique_slug


def test_slugify():
    assert slugify("Hello, World!") == "hello-world"


def test_unique():
    assert unique_slug("Hello World", {"hello-world"}) == "hello-world-2"
