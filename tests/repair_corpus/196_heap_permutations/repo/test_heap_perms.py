from heap_perms import permutations


def test_first():
    assert next(permutations([1, 2])) == [1, 2]


def test_empty():
    assert list(permutations([])) == [[]]


def test_three():
    assert sorted(permutations([1, 2, 3])) == [[1, 2, 3], [1, 3, 2], [2, 1, 3], [2, 3, 1], [3, 1, 2], [3, 2, 1]]
