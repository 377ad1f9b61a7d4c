from schedule import is_weekend, opening_hour


def test_hidden_week():
    assert [is_weekend(d) for d in range(7)] == [False] * 5 + [True, True]
    assert opening_hour(5) == 10
