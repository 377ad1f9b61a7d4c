"""Hops in a graph."""

from collections import deque


def hops(graph: dict[str, list[str]], start: str) -> dict[str, int]:
    """Fewest edges from ``start`` to every reachable node."""
    dist = {start: 0}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in graph.get(node, []):
            if nxt not in dist:
                dist[nxt] = dist[node]
                queue.append(nxt)
    return dist
