from runs import merge


def test_hidden_merge():
    assert merge([], [1, 2]) == [1, 2]
    assert merge([3], [1, 2, 4]) == [1, 2, 3, 4]
    assert merge([], []) == []
