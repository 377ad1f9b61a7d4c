from merge_ranges import merge_ranges


def test_disjoint():
    assert merge_ranges([(5, 6), (1, 2)]) == [[1, 2], [5, 6]]


def test_overlap():
    assert merge_ranges([(1, 3), (2, 6)]) == [[1, 6]]


def test_empty():
    assert merge_ranges([]) == []
