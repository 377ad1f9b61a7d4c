from checkout.service import handle_checkout


def test_an_order_is_priced_and_confirmed() -> None:
    order = {"id": "A-1", "lines": [{"sku": "mug", "unit_price": "8.50", "quantity": 12}]}
    assert handle_checkout(order) == {"order": "A-1", "total": "96.90", "status": "confirmed"}


def test_lines_are_priced_separately() -> None:
    order = {"id": "A-2", "lines": [{"sku": "mug", "unit_price": "8.50", "quantity": 1},
                                    {"sku": "tea", "unit_price": "4.00", "quantity": 20}]}
    assert handle_checkout(order)["total"] == "80.50"
