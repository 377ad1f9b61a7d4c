"""Every path from a source to a target in a directed acyclic graph."""


def all_paths(graph: dict[str, list[str]], source: str, target: str) -> list[list[str]]:
    """Every path from source to target, as lists of nodes, in depth-first order."""
    paths: list[list[str]] = []

    def walk(node: str, path: list[str]) -> None:
        if node == target:
            paths.append(path)
            return
        for nxt in graph.get(node, []):
            walk(nxt, path)

    walk(source, [source])
    return paths
