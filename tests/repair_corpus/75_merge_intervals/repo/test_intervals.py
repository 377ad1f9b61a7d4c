from intervals import merge_intervals


def test_in_order():
    assert merge_intervals([(1, 3), (2, 5), (7, 8)]) == [(1, 5), (7, 8)]


def test_out_of_order():
    assert merge_intervals([(6, 9), (1, 2), (2, 4)]) == [(1, 4), (6, 9)]
