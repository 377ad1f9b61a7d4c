from permute import permutations


def test_one():
    assert permutations([7]) == [[7]]


def test_three():
    assert len(permutations([1, 2, 3])) == 6
