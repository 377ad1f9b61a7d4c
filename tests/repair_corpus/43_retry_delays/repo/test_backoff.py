from backoff import delays


def test_no_retries():
    assert delays(1.0, 2.0, 0) == []


def test_doubling():
    assert delays(1.0, 2.0, 4) == [1.0, 2.0, 4.0, 8.0]


def test_cap():
    assert delays(10.0, 10.0, 3, cap=50.0) == [10.0, 50.0, 50.0]
