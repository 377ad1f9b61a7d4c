import itertools

from knapsack import best_value


def _brute(items, capacity):
    best = 0
    for mask in itertools.product([0, 1], repeat=len(items)):
        weight = sum(w for (w, _), m in zip(items, mask) if m)
        if weight <= capacity:
            best = max(best, sum(v for (_, v), m in zip(items, mask) if m))
    return best


def test_hidden_knapsack():
    items = [(2, 3), (3, 4), (4, 5), (5, 6), (1, 1)]
    for capacity in range(16):
        assert best_value(items, capacity) == _brute(items, capacity)
    assert best_value([(1, 10)], 5) == 10
