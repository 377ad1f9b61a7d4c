from warehouse.orders import place
from warehouse.stock import Stock


def test_hidden_available():
    stock = Stock()
    stock.receive("a", 10)
    assert place(stock, {"a": 4})
    assert place(stock, {"a": 6})
    assert not place(stock, {"a": 1})
    assert stock.available("a") == 0
