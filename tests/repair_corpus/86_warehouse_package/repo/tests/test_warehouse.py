import pytest

from warehouse.orders import place
from warehouse.stock import OutOfStock, Stock


def test_receive_and_reserve():
    stock = Stock()
    stock.receive("pen", 5)
    stock.reserve("pen", 3)
    assert stock.available("pen") == 2


def test_overbooking_is_refused():
    stock = Stock()
    stock.receive("pen", 2)
    stock.reserve("pen", 2)
    with pytest.raises(OutOfStock):
        stock.reserve("pen", 1)


def test_order_all_or_nothing():
    stock = Stock()
    stock.receive("pen", 1)
    assert not place(stock, {"pen": 1, "pad": 1})
    assert stock.available("pen") == 1
