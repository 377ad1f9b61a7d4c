import itertools

from next_perm import next_permutation


def test_hidden_next_permutation():
    for size in range(1, 6):
        perms = [list(p) for p in itertools.permutations(range(size))]
        for current, following in zip(perms, perms[1:]):
            assert next_permutation(current) == following
        assert next_permutation(perms[-1]) is None
    assert next_permutation([1, 1, 2]) == [1, 2, 1]
