"""Cycle detection in a directed graph: depth-first search with three colours."""

WHITE, GREY, BLACK = 0, 1, 2


def has_cycle(graph: dict[str, list[str]]) -> bool:
    """True when the directed ``graph`` (node -> successors) has a cycle."""
    colour = {node: WHITE for node in graph}

    def visit(node: str) -> bool:
        colour[node] = GREY
        for nxt in graph.get(node, []):
            state = colour.get(nxt, WHITE)
            if state == GREY:
                return True
            if state == WHITE and visit(nxt):
                return True
        colour[node] = BLACK
        return False

    return any(colour[node] == WHITE and visit(node) for node in graph)
