from sensors import peak


def test_hidden_peaks():
    assert peak([0.1, 0.2, 0.3, 0.25]) == 0.3
    assert peak([-5.0, -2.0]) == -2.0
    assert peak([4.0]) == 4.0
