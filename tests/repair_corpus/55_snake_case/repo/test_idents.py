from idents import snake_case


def test_camel():
    assert snake_case("fooBar") == "foo_bar"


def test_pascal():
    assert snake_case("FooBar") == "foo_bar"
