from percentile import percentile


def test_median_and_max():
    data = [15, 20, 35, 40, 50]
    assert percentile(data, 50) == 35
    assert percentile(data, 100) == 50


def test_zeroth_is_the_minimum():
    assert percentile([3, 1, 2], 0) == 1
