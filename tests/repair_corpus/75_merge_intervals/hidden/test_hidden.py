from intervals import merge_intervals


def test_hidden_intervals():
    assert merge_intervals([]) == []
    assert merge_intervals([(5, 6), (1, 10)]) == [(1, 10)]
    assert merge_intervals([(3, 4), (1, 2)]) == [(1, 2), (3, 4)]
