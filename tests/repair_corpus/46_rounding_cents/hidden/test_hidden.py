from money import to_amount


def test_hidden_amounts():
    assert to_amount(1) == 0.01
    assert to_amount(-250) == -2.5
    assert to_amount(99999) == 999.99
