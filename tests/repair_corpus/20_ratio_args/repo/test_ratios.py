from ratios import divide, percent, share


def test_divide():
    assert divide(1, 4) == 0.25
    assert divide(1, 0) == 0.0


def test_share():
    assert share(1, 4) == 0.25


def test_percent():
    assert percent(1, 3) == 33.3
