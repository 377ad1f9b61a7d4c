from inventory import Item, expired


def test_hidden_expiry():
    stock = [Item("a", 1, 3), Item("b", 1, 4), Item("c", 1, 5)]
    assert expired(stock, 4) == ["a"]
    assert expired(stock, 6) == ["a", "b", "c"]
    assert expired(stock, 3) == []
