"""Reachability by depth-first search."""


def reachable(graph: dict[str, list[str]], start: str, goal: str) -> bool:
    """Whether a path leads from ``start`` to ``goal``."""
    visited = set()

    def visit(node: str) -> bool:
        if node == goal:
            return True
        if node in visited:
            return False
        return any(visit(nxt) for nxt in graph.get(node, []))

    return visit(start)
