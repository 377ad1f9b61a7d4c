"""Directed graphs as adjacency dicts: reachability, topological order, cycles."""

from __future__ import annotations

from collections import deque


def reachable(graph: dict[str, list[str]], start: str) -> set[str]:
    seen = {start}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in graph.get(node, []):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def topological_order(graph: dict[str, list[str]]) -> list[str]:
    indegree: dict[str, int] = {n: 0 for n in graph}
    for targets in graph.values():
        for t in targets:
            indegree[t] = indegree.get(t, 0) + 1
    ready = sorted(n for n, d in indegree.items() if d == 0)
    order = []
    while ready:
        node = ready.pop(0)
        order.append(node)
        for t in sorted(graph.get(node, [])):
            indegree[t] -= 1
            if indegree[t] == 0:
                ready.append(t)
        ready.sort()
    if len(order) != len(indegree):
        raise ValueError("the graph has a cycle")
    return order


def has_cycle(graph: dict[str, list[str]]) -> bool:
    try:
        topological_order(graph)
    except ValueError:
        return True
    return False


def shortest_path(graph: dict[str, list[str]], start: str, goal: str) -> list[str] | None:
    previous: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            path = []
            while node is not None:
                path.append(node)
                node = previous[node]
            return path[::-1]
        for nxt in graph.get(node, []):
            if nxt not in previous:
                previous[nxt] = node
                queue.append(nxt)
    return None
