import random

from components import count_components


def _count(graph):
    parent = {v: v for v in graph}

    def find(v):
        while parent[v] != v:
            v = parent[v]
        return v

    for v, ns in graph.items():
        for w in ns:
            parent[find(v)] = find(w)
    return len({find(v) for v in graph})


def test_hidden_random():
    rng = random.Random(240)
    for _ in range(100):
        n = rng.randint(0, 8)
        graph = {v: [] for v in range(n)}
        for _ in range(rng.randint(0, 10)):
            if n:
                a, b = rng.randrange(n), rng.randrange(n)
                graph[a].append(b)
                graph[b].append(a)
        assert count_components(graph) == _count(graph), graph
