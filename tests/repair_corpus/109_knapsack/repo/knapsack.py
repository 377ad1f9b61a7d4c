"""The 0/1 knapsack problem."""


def best_value(items: list[tuple[int, int]], capacity: int) -> int:
    """Most value fitting in ``capacity``; ``items`` are (weight, value), each used at most once."""
    table = [[0] * (capacity + 1) for _ in range(len(items) + 1)]
    for i, (weight, value) in enumerate(items, start=1):
        for cap in range(capacity + 1):
            table[i][cap] = table[i - 1][cap]
            if weight <= cap:
                table[i][cap] = max(table[i][cap], value + table[i][cap - weight])
    return table[len(items)][capacity]
