from smoothing import running_max


def test_running_max():
    assert running_max([1.0, 3.0, 2.0, 5.0]) == [1.0, 3.0, 3.0, 5.0]


def test_single():
    assert running_max([4.0]) == [4.0]
