from order_stats import kth_largest


def test_hidden_kth():
    assert kth_largest([5, 1, 8, 3], 2) == 5
    assert kth_largest([5, 1, 8, 3], 4) == 1
    assert kth_largest([2, 2, 1], 2) == 2
