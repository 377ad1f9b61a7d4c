import itertools

from powerset import subsets


def test_hidden_powerset():
    for size in range(5):
        items = list(range(size))
        expected = sorted(list(c) for k in range(size + 1) for c in itertools.combinations(items, k))
        assert sorted(subsets(items)) == expected
