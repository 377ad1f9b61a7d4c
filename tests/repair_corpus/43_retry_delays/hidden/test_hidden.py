from backoff import delays


def test_hidden_backoff():
    assert delays(0.5, 3.0, 3) == [0.5, 1.5, 4.5]
    assert delays(2.0, 1.0, 2) == [2.0, 2.0]
