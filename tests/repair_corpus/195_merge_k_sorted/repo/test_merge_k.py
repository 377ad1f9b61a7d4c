from merge_k import merge_sorted


def test_none():
    assert merge_sorted([]) == []


def test_one_item():
    assert merge_sorted([[5]]) == [5]


def test_two_lists():
    assert merge_sorted([[1, 4], [2, 3]]) == [1, 2, 3, 4]
