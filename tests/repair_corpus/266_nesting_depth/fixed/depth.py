"""Deepest bracket nesting."""


def max_depth(text: str) -> int:
    """How deeply round brackets nest in text (balanced input)."""
    depth = 0
    best = 0
    for ch in text:
        if ch == "(":
            depth += 1
            best = max(best, depth)
        elif ch == ")":
            depth -= 1
    return best
