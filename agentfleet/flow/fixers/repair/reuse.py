"""Whether a patch reuses code its file already has (the "plastic surgery" observation: fixes tend to be
built from expressions found elsewhere in the same file, so a patch that writes ``dist[u] + w`` where the
file computes ``dist[u] + w`` is likelier than one that invents ``dist[v - 1] + w``).

An expression counts when the patch adds an occurrence of it (compared as syntax trees, positions
ignored) and the original file already had one; names, constants and attribute chains (``self.a``)
do not count, since every wrong-variable edit would "reuse" them.
"""

from __future__ import annotations

import ast
from collections import Counter
from functools import lru_cache

__all__ = ["reuses_code"]

_TRIVIAL = (ast.Name, ast.Constant, ast.Attribute, ast.Starred, ast.keyword, ast.arguments, ast.arg)


@lru_cache(maxsize=64)
def _expressions(text: str) -> Counter[str] | None:
    """Every non-trivial expression of ``text`` (as a position-free dump), with its count."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return None
    return Counter(
        ast.dump(node)
        for node in ast.walk(tree)
        if isinstance(node, ast.expr) and not isinstance(node, _TRIVIAL) and not _is_name_chain(node)
    )


def _is_name_chain(node: ast.expr) -> bool:
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name)


def reuses_code(before: str, after: str) -> bool:
    """``after`` adds an occurrence of an expression ``before`` already has."""
    old, new = _expressions(before), _expressions(after)
    if old is None or new is None:
        return False
    return any(old[dump] for dump in new - old)
