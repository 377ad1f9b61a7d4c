from ratios import percent, share


def test_hidden_shares():
    assert share(0, 5) == 0
    assert share(3, 0) == 0
    assert percent(5, 5) == 100.0
    assert share(2, 8) == 0.25
