import itertools
import random

from kruskal import mst_weight


def _brute(n, edges):
    best = None
    for subset in itertools.combinations(edges, n - 1):
        parent = list(range(n))

        def find(x):
            while parent[x] != x:
                x = parent[x]
            return x

        ok = True
        for _, u, v in subset:
            ru, rv = find(u), find(v)
            if ru == rv:
                ok = False
                break
            parent[ru] = rv
        if ok:
            w = sum(e[0] for e in subset)
            best = w if best is None else min(best, w)
    return best


def test_hidden_against_brute_force():
    rng = random.Random(3)
    for _ in range(30):
        n = 5
        edges = [(rng.randrange(1, 20), u, v) for u in range(n) for v in range(u + 1, n) if rng.random() < 0.8]
        edges += [(50, i, i + 1) for i in range(n - 1)]
        rng.shuffle(edges)
        assert mst_weight(n, edges) == _brute(n, edges)
