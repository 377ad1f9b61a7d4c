"""Nested lists made flat."""


def flatten(value: list) -> list:
    """The non-list items of ``value`` and its nested lists, in order."""
    out = []
    for item in value:
        if isinstance(item, list):
            out.extend(flatten(item))
        else:
            out.append(item)
    return out
