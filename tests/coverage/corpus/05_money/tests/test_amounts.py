from money.amounts import format_amount


def test_format():
    assert format_amount(123456) == "$1,234.56"
