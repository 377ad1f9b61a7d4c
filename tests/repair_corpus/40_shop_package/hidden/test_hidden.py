from shop.pricing import unit_price


def test_hidden_threshold():
    assert unit_price(10.0, 9) == 10.0
    assert unit_price(10.0, 10) == 9.0
    assert unit_price(10.0, 50) == 9.0
