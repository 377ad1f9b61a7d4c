import itertools

from distinct import all_distinct


def test_hidden_small_lists():
    for n in range(0, 5):
        for xs in itertools.product(range(4), repeat=n):
            assert all_distinct(list(xs)) == (len(set(xs)) == len(xs)), xs
