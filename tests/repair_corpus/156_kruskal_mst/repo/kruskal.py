"""Minimum spanning tree weight by Kruskal's algorithm."""


def mst_weight(n: int, edges: list[tuple[int, int, int]]) -> int:
    """Total weight of a minimum spanning forest of nodes ``0..n-1``; ``edges`` are ``(weight, u, v)``."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    total = 0
    for w, u, v in edges:
        ru, rv = find(u), find(v)
        if ru != rv:
            parent[ru] = rv
            total += w
    return total
