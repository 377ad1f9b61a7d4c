from shop.cart import Cart
from shop.pricing import unit_price


def test_small_order():
    assert unit_price(2.0, 3) == 2.0


def test_bulk_order():
    cart = Cart()
    cart.add("pen", 1.0, 10)
    assert cart.total() == 9.0


def test_mixed_cart():
    cart = Cart()
    cart.add("pen", 1.0, 2)
    cart.add("pad", 3.0)
    assert cart.total() == 5.0
