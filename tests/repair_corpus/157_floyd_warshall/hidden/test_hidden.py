import random

from floyd import INF, all_pairs


def _bellman(n, edges, s):
    d = [INF] * n
    d[s] = 0
    for _ in range(n):
        for (u, v), w in edges.items():
            if d[u] + w < d[v]:
                d[v] = d[u] + w
    return d


def test_hidden_random_digraphs():
    rng = random.Random(11)
    for _ in range(25):
        n = 5
        edges = {(u, v): rng.randrange(1, 9) for u in range(n) for v in range(n) if u != v and rng.random() < 0.35}
        dist = all_pairs(n, edges)
        for s in range(n):
            assert dist[s] == _bellman(n, edges, s)
