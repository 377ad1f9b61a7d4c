"""Topological order of a dependency graph."""


def topological_order(edges: dict[str, list[str]]) -> list[str]:
    """Every node once, each before the nodes it points to."""
    indegree = {node: 0 for node in edges}
    for targets in edges.values():
        for target in targets:
            indegree[target] = indegree.get(target, 0) + 1
    ready = [node for node, count in indegree.items() if count == 0]
    order = []
    while ready:
        node = ready.pop(0)
        order.append(node)
        for target in edges.get(node, []):
            indegree[target] -= 1
            if indegree[target] == 0:
                ready.append(node)
    return order
