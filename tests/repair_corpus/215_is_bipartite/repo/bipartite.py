"""Two-colouring an undirected graph by breadth-first search."""

from collections import deque


def is_bipartite(graph: dict[int, list[int]]) -> bool:
    """Whether the nodes can be split in two sets with every edge between the sets."""
    color: dict[int, int] = {}
    for start in graph:
        if start in color:
            continue
        color[start] = 0
        queue = deque([start])
        while queue:
            node = queue.popleft()
            for nxt in graph[node]:
                if nxt not in color:
                    color[nxt] = 1 - color[start]
                    queue.append(nxt)
                elif color[nxt] == color[node]:
                    return False
    return True
