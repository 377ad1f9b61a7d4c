from idents import snake_case


def test_hidden_names():
    assert snake_case("X") == "x"
    assert snake_case("aB") == "a_b"
    assert snake_case("lower") == "lower"
    assert snake_case("ABc") == "a_bc"
