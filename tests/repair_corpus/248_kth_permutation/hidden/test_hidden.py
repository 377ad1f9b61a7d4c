from itertools import permutations

from kth_perm import kth_permutation


def test_hidden_all():
    for n in range(1, 6):
        items = list(range(n))
        for k, perm in enumerate(permutations(items)):
            assert kth_permutation(items, k) == list(perm), (n, k)
