import pytest

from offers import cheapest, total_cost


def test_cheapest():
    assert cheapest({"acme": 3.5, "globex": 2.0, "initech": 4.0}) == "globex"


def test_cost():
    assert total_cost({"a": 2.0, "b": 1.5}, 4) == 6.0


def test_none():
    with pytest.raises(ValueError):
        cheapest({})
