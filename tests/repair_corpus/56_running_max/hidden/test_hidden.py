from smoothing import running_max


def test_hidden_running_max():
    assert running_max([]) == []
    assert running_max([2.0, 1.0]) == [2.0, 2.0]
