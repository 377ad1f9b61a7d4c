"""All-pairs shortest paths (Floyd-Warshall) on a directed graph."""

INF = float("inf")


def all_pairs(n: int, edges: dict[tuple[int, int], int]) -> list[list[float]]:
    """``dist[i][j]``: length of a shortest path from ``i`` to ``j`` (``inf`` when there is none)."""
    dist = [[0 if i == j else INF for j in range(n)] for i in range(n)]
    for (u, v), w in edges.items():
        dist[u][v] = min(dist[u][v], w)
    for k in range(n):
        for i in range(n):
            for j in range(n):
                if dist[i][k] + dist[k][j] < dist[i][j]:
                    dist[i][j] = dist[i][k] + dist[k][j]
    return dist
