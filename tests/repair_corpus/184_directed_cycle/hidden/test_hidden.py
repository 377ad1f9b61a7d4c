import random

from cycles import has_cycle


def _reference(graph):
    indegree = {n: 0 for n in graph}
    for succs in graph.values():
        for s in succs:
            indegree[s] = indegree.get(s, 0) + 1
    ready = [n for n, d in indegree.items() if d == 0]
    seen = 0
    while ready:
        n = ready.pop()
        seen += 1
        for s in graph.get(n, []):
            indegree[s] -= 1
            if indegree[s] == 0:
                ready.append(s)
    return seen != len(indegree)


def test_hidden_random():
    rng = random.Random(184)
    for _ in range(300):
        n = rng.randrange(1, 9)
        nodes = [str(i) for i in range(n)]
        graph = {v: [] for v in nodes}
        for _ in range(rng.randrange(0, 14)):
            a, b = rng.randrange(n), rng.randrange(n)
            if a < b or rng.random() < 0.15:
                graph[nodes[a]].append(nodes[b])
        assert has_cycle(graph) == _reference(graph), graph
