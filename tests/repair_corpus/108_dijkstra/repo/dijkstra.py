"""Single-source shortest paths with non-negative weights."""

import heapq


def shortest_distances(graph: dict[str, dict[str, int]], source: str) -> dict[str, int]:
    """Distance from ``source`` to every node it reaches."""
    dist = {source: 0}
    heap = [(0, source)]
    done = set()
    while heap:
        d, node = heapq.heappop(heap)
        if node in done:
            continue
        done.add(node)
        for nxt, weight in graph.get(node, {}).items():
            candidate = d + weight
            if candidate < dist.get(nxt, float("inf")):
                dist[nxt] = candidate
                heapq.heappush(heap, (nxt, candidate))
    return dist
