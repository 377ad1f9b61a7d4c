from taxes import total_with_tax


def test_hidden_quantities_count():
    assert total_with_tax([{"price": 3.0, "qty": 3}], 0.0) == 9.0
    assert total_with_tax([], 0.5) == 0.0
