import itertools

from heap_perms import permutations


def test_hidden_sizes():
    for n in range(6):
        items = list(range(10, 10 + n))
        got = list(permutations(items))
        assert sorted(got) == sorted(list(p) for p in itertools.permutations(items))
        assert items == list(range(10, 10 + n))
