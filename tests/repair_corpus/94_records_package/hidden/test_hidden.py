from records.parse import parse_line


def test_hidden_types():
    record = parse_line("ink,3,0.25")
    assert record.price == 0.25
    assert isinstance(record.price, float)
    assert record.total == 0.75
