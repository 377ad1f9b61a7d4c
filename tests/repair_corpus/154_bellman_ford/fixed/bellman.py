"""Single-source shortest paths with negative weights (Bellman-Ford)."""

INF = float("inf")


def shortest(n: int, edges: list[tuple[int, int, float]], source: int) -> list[float]:
    """Distances from ``source`` to nodes ``0..n-1`` over directed ``(u, v, weight)`` edges."""
    dist = [INF] * n
    dist[source] = 0
    for _ in range(n - 1):
        for u, v, w in edges:
            if dist[u] + w < dist[v]:
                dist[v] = dist[u] + w
    return dist
