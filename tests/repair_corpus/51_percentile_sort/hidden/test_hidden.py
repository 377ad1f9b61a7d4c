from quantiles import percentile


def test_hidden_unsorted():
    assert percentile([9.0, 7.0, 8.0], 0.0) == 7.0
    assert percentile([5.0, 1.0, 4.0, 2.0, 3.0], 0.5) == 3.0
    values = [3.0, 1.0, 2.0]
    percentile(values, 0.5)
    assert values == [3.0, 1.0, 2.0]
