from toposort import topological_order


def _valid(edges, order):
    where = {node: i for i, node in enumerate(order)}
    return len(order) == len(where) and all(where[a] < where[b] for a in edges for b in edges[a])


def test_hidden_topological():
    edges = {"shirt": ["tie", "belt"], "tie": ["jacket"], "pants": ["shoes", "belt"], "belt": ["jacket"], "socks": ["shoes"]}
    order = topological_order(edges)
    assert set(order) == {"shirt", "tie", "pants", "belt", "socks", "shoes", "jacket"}
    assert _valid(edges, order)
    assert topological_order({"x": ["y", "z"], "y": ["z"], "z": []}) == ["x", "y", "z"]
