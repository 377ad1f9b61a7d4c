from ratings import average


def test_hidden_average():
    assert average([]) == 0.0
    assert average([1, 2, 2]) == 1.67
