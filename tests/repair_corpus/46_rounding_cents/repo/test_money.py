from money import fmt, to_amount


def test_whole():
    assert to_amount(500) == 5.0


def test_cents():
    assert to_amount(1234) == 12.34


def test_fmt():
    assert fmt(199) == "1.99 EUR"
