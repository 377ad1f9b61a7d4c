import itertools

from flag import dutch_flag


def test_hidden_all_short():
    for n in range(0, 7):
        for xs in itertools.product([0, 1, 2], repeat=n):
            assert dutch_flag(list(xs)) == sorted(xs), xs
