from records.parse import parse


def test_parse_names():
    assert [r.name for r in parse("pen, 2, 1.50\npad, 1, 3.00\n")] == ["pen", "pad"]


def test_totals():
    assert [r.total for r in parse("pen, 2, 1.50\npad, 1, 3.00\n")] == [3.0, 3.0]
