from between import count_between


def test_inside():
    assert count_between([1.0, 2.0, 3.0], 0.0, 5.0) == 3


def test_closed():
    assert count_between([1.0, 2.0, 3.0, 4.0], 1.0, 3.0) == 3
