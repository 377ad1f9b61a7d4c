"""Nested lists made flat."""


def flatten(value: list) -> list:
    """The non-list items of ``value`` and its nested lists, in order."""
    out = []
    for item in value:
        if isinstance(item, list):
            out.append(flatten(item))
        else:
            out.append(item)
    return out
