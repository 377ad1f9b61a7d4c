from taxes import subtotal, total_with_tax

LINES = [{"price": 2.5, "qty": 4}, {"price": 1.0, "qty": 1}]


def test_subtotal():
    assert subtotal(LINES) == 11.0


def test_total_with_tax():
    assert total_with_tax(LINES, 0.1) == 12.1


def test_single_units():
    assert total_with_tax([{"price": 10.0, "qty": 1}], 0.2) == 12.0
