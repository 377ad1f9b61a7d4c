from powerset import subsets


def test_empty():
    assert subsets([]) == [[]]


def test_two():
    assert sorted(subsets([1, 2])) == [[], [1], [1, 2], [2]]
