import itertools

from ordered import is_sorted


def test_hidden_every_small_list():
    for n in range(0, 6):
        for xs in itertools.product(range(3), repeat=n):
            assert is_sorted(list(xs)) == (list(xs) == sorted(xs)), xs
