from geometry import area


def test_hidden_areas():
    assert area(4, 0.5) == 2
    assert area(0, 7) == 0
    assert area(7, 3) == 21
