import itertools

from permute import permutations


def test_hidden_permutations():
    assert permutations([]) == [[]]
    for size in range(1, 5):
        items = list(range(size))
        assert sorted(permutations(items)) == sorted(list(p) for p in itertools.permutations(items))
