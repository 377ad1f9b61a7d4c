from perms import permutations


def test_empty():
    assert list(permutations([])) == [[]]


def test_two():
    assert list(permutations([1, 2])) == [[1, 2], [2, 1]]


def test_three():
    assert list(permutations([1, 2, 3])) == [[1, 2, 3], [1, 3, 2], [2, 1, 3], [2, 3, 1], [3, 1, 2], [3, 2, 1]]
