from pricing import discount, final_price


def test_no_discount():
    assert discount(1000, 0) == 0
    assert final_price(1000, 0) == 1000


def test_ten_percent():
    assert discount(1000, 10) == 100


def test_final():
    assert final_price(2500, 20) == 2000
