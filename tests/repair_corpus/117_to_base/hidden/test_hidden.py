from base_convert import to_base


def test_hidden_to_base():
    for n in range(200):
        for base in (2, 3, 8, 10, 16, 36):
            assert int(to_base(n, base), base) == n
    assert to_base(255, 16) == "FF"
