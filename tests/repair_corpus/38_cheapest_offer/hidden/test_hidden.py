from offers import cheapest


def test_hidden_cheapest():
    assert cheapest({"only": 9.0}) == "only"
    assert cheapest({"x": 1.0, "y": 0.5, "z": 0.75}) == "y"
