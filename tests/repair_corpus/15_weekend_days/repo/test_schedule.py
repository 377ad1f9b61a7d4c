from schedule import day_name, is_weekend, opening_hour


def test_weekdays():
    assert not is_weekend(0)
    assert not is_weekend(4)


def test_saturday():
    assert is_weekend(5)


def test_hours():
    assert opening_hour(6) == 10
    assert opening_hour(2) == 8


def test_names():
    assert day_name(8) == "tue"
