"""Nested lists."""


def flatten(items: list) -> list:
    """Every non-list element of arbitrarily nested lists, in order."""
    out = []
    for item in items:
        if isinstance(item, list):
            out.extend(item)
        else:
            out.append(item)
    return out
