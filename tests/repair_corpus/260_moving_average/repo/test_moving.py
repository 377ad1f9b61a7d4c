from moving import moving_average


def test_whole_list():
    assert moving_average([1.0, 2.0, 3.0], 3) == [2.0]


def test_pairs():
    assert moving_average([2.0, 4.0, 6.0, 8.0], 2) == [3.0, 5.0, 7.0]


def test_too_short():
    assert moving_average([1.0], 2) == []


def test_window_of_one():
    assert moving_average([5.0, 7.0], 1) == [5.0, 7.0]
