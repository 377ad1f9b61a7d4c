"""Walking graphs."""

from __future__ import annotations

from collections import deque

from graphs.model import Graph


def breadth_first(graph: Graph, start: str) -> list[str]:
    """Nodes reachable from ``start``, nearest first."""
    seen = {start}
    order = []
    queue = deque([start])
    while queue:
        node = queue.popleft()
        order.append(node)
        for nxt in graph.edges.get(node, []):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return order


def depth_first(graph: Graph, start: str) -> list[str]:
    """Nodes reachable from ``start``, each branch explored fully before the next."""
    seen = set()
    order = []
    stack = [start]
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        order.append(node)
        stack.extend(reversed(graph.edges.get(node, [])))
    return order
