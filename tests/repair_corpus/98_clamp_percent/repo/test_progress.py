from progress import bar, clamp_percent


def test_clamp():
    assert clamp_percent([-5.0, 50.0, 150.0]) == [0.0, 50.0, 100.0]


def test_bar():
    assert bar(50.0) == "#####....."
