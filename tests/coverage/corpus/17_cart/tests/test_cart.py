from orders.cart import Cart


def test_add():
    cart = Cart()
    assert cart.add("tea", 350, 2) == 2
    assert cart.subtotal() == 700
