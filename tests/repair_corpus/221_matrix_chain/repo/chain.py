"""Matrix-chain multiplication order."""


def matrix_chain_cost(dims: list[int]) -> int:
    """The fewest scalar multiplications to multiply matrices of shapes dims[k] x dims[k + 1]."""
    n = len(dims) - 1
    cost = [[0] * n for _ in range(n)]
    for length in range(2, n + 1):
        for i in range(n - length + 1):
            j = i + length - 1
            cost[i][j] = min(
                cost[i][k] + cost[k + 1][j] + dims[i] * dims[k + 1] * dims[j + 1] for k in range(i + 1, j)
            )
    return cost[0][n - 1] if n > 0 else 0
