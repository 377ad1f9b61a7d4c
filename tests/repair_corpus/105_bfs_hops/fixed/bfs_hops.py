"""Hop counts in an unweighted graph."""

from collections import deque


def hops(graph: dict[str, list[str]], start: str, goal: str) -> int:
    """Fewest edges from ``start`` to ``goal`` (-1 when unreachable)."""
    queue = deque([(start, 0)])
    seen = {start}
    while queue:
        node, dist = queue.popleft()
        if node == goal:
            return dist
        for nxt in graph.get(node, []):
            if nxt not in seen:
                seen.add(nxt)
                queue.append((nxt, dist + 1))
    return -1
