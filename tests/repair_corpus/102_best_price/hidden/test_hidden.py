from discounts import best_price


def test_hidden_no_code_applies():
    assert best_price(9.0, ["NOPE"], {"TEN": 0.1}) == 9.0
    assert best_price(9.0, [], {}) == 9.0
    assert best_price(10.0, ["A", "B", "C"], {"A": 0.2, "B": 0.5, "C": 0.1}) == 5.0
