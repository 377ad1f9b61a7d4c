"""Query strings."""

from __future__ import annotations

from urllib.parse import quote


def query_string(params: dict[str, object]) -> str:
    """``params`` as ``k=v`` pairs joined by ``&``, keys sorted, values percent-encoded."""
    pairs = []
    for key in sorted(params):
        value = params[key]
        if value is None:
            continue
        pairs.append(f"{quote(str(key))}={quote(value)}")
    return "&".join(pairs)
