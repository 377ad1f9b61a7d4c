from pricing import discount, final_price


def test_hidden_discounts():
    assert discount(999, 50) == 499
    assert final_price(1, 100) == 0
    assert discount(12345, 15) == 1851
