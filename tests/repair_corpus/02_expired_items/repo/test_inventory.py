from inventory import Item, expired, in_stock

STOCK = [Item("milk", 3, 10), Item("bread", 5, 12), Item("cheese", 1, 30)]


def test_expired_on_day_11():
    assert expired(STOCK, 11) == ["milk"]


def test_nothing_expired_early():
    assert expired(STOCK, 5) == []


def test_in_stock():
    assert in_stock(STOCK) == 9
