from stock.inventory import Inventory


def test_receive():
    inv = Inventory()
    assert inv.receive("apple", 3) == 3
