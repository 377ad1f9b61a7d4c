"""Nested mappings to dotted keys."""


def flatten(tree: dict, prefix: str = "") -> dict:
    """Nested mappings as one mapping of dotted keys (``{"a": {"b": 1}}`` -> ``{"a.b": 1}``)."""
    out = {}
    for key, value in tree.items():
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            out.update(flatten(value))
        else:
            out[name] = value
    return out
