from progress import bar, clamp_percent


def test_hidden_clamp():
    assert clamp_percent([]) == []
    assert clamp_percent([0.0, 100.0, 99.5]) == [0.0, 100.0, 99.5]
    assert bar(250.0, 4) == "####"
