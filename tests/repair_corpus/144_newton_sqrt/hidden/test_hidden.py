from newton import sqrt


def test_hidden_many():
    for x in (1.0, 3.0, 10.0, 100.0, 0.25):
        assert abs(sqrt(x) ** 2 - x) <= 0.01
