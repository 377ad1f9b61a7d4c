import functools
import random

from chain import matrix_chain_cost


def brute(dims):
    @functools.lru_cache(None)
    def best(i, j):
        if i == j:
            return 0
        return min(best(i, k) + best(k + 1, j) + dims[i] * dims[k + 1] * dims[j + 1] for k in range(i, j))

    return best(0, len(dims) - 2)


def test_hidden_random():
    rng = random.Random(2)
    for _ in range(100):
        dims = [rng.randint(1, 30) for _ in range(rng.randint(2, 7))]
        assert matrix_chain_cost(dims) == brute(tuple(dims)), dims
