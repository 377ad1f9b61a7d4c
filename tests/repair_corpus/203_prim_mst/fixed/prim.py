"""Prim's minimum spanning tree."""

import heapq


def prim_weight(graph: dict[str, dict[str, int]], start: str) -> int:
    """Total weight of a minimum spanning tree of the connected undirected ``graph``."""
    visited: set[str] = set()
    heap = [(0, start)]
    total = 0
    while heap:
        weight, node = heapq.heappop(heap)
        if node in visited:
            continue
        visited.add(node)
        total += weight
        for nxt, w in graph[node].items():
            if nxt not in visited:
                heapq.heappush(heap, (w, nxt))
    return total
