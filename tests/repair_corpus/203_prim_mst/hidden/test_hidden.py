import random

from prim import prim_weight


def kruskal(nodes, edges):
    parent = {n: n for n in nodes}

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x

    total = 0
    for w, u, v in sorted(edges):
        ru, rv = find(u), find(v)
        if ru != rv:
            parent[ru] = rv
            total += w
    return total


def test_hidden_random():
    rng = random.Random(5)
    for size in range(1, 9):
        nodes = [str(i) for i in range(size)]
        graph = {n: {} for n in nodes}
        edges = []
        for i in range(1, size):
            j = rng.randrange(i)
            w = rng.randint(1, 9)
            graph[nodes[i]][nodes[j]] = graph[nodes[j]][nodes[i]] = w
            edges.append((w, nodes[i], nodes[j]))
        for _ in range(size):
            i, j = rng.randrange(size), rng.randrange(size)
            if i != j and nodes[j] not in graph[nodes[i]]:
                w = rng.randint(1, 9)
                graph[nodes[i]][nodes[j]] = graph[nodes[j]][nodes[i]] = w
                edges.append((w, nodes[i], nodes[j]))
        assert prim_weight(graph, "0") == kruskal(nodes, edges)
