from discounts import best_price

RATES = {"TEN": 0.1, "HALF": 0.5}


def test_single_code():
    assert best_price(20.0, ["TEN"], RATES) == 18.0


def test_best_of_two():
    assert best_price(20.0, ["HALF", "TEN"], RATES) == 10.0
