from between import count_between


def test_hidden_between():
    assert count_between([5.0], 5.0, 5.0) == 1
    assert count_between([1.0, 9.0], 2.0, 8.0) == 0
    assert count_between([2.0, 8.0, 5.0], 2.0, 7.0) == 2
