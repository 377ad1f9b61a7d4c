from sensors import count_above, peak


def test_peak_first():
    assert peak([9.5, 1.0, 2.0]) == 9.5


def test_peak_later():
    assert peak([1.0, 7.5, 3.0]) == 7.5


def test_count():
    assert count_above([1, 5, 7], 4) == 2
