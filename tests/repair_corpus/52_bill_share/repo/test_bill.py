from bill import share, tip


def test_tip():
    assert tip(80.0, 15) == 12.0


def test_even_share():
    assert share(90.0, 3) == 30.0


def test_share_with_cents():
    assert share(100.0, 3) == 33.33
