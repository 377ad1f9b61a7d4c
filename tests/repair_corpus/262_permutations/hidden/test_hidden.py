import itertools

from perms import permutations


def test_hidden_lengths():
    for n in range(0, 6):
        xs = list(range(10, 10 + n))
        assert list(permutations(xs)) == [list(p) for p in itertools.permutations(xs)], n
