from bill import share


def test_hidden_share():
    assert share(10.0, 4) == 2.5
    assert share(50.0, 2, 10) == 27.5
