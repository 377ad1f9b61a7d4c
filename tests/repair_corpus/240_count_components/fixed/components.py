"""Connected components of an undirected graph."""


def count_components(graph: dict[int, list[int]]) -> int:
    """How many connected components the adjacency lists in graph have."""
    seen = set()
    components = 0
    for start in graph:
        if start in seen:
            continue
        components += 1
        stack = [start]
        while stack:
            node = stack.pop()
            if node in seen:
                continue
            seen.add(node)
            for neighbour in graph[node]:
                stack.append(neighbour)
    return components
