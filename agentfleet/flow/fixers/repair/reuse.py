"""Whether a patch reuses code its file already has (the "plastic surgery" observation: fixes tend to be
built from expressions found elsewhere in the same file, so a patch that writes ``dist[u] + w`` where the
file computes ``dist[u] + w`` is likelier than one that invents ``dist[v - 1] + w``).

An expression counts when the patch adds an occurrence of it (compared as syntax trees, positions
ignored) and the original file already had one; names, constants and attribute chains (``self.a``)
do not count, since every wrong-variable edit would "reuse" them. For the same reason a *rename*
(``wrong-variable``: one name replaced by another) reuses only an expression of two or more
variables: renaming ``a`` in ``a[1:]`` or ``i - 1`` lands on the file's ``b[1:]`` or ``j - 1`` by the
mere count of such expressions, while landing on ``dist[u] + w`` says more.
"""

from __future__ import annotations

import ast
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

__all__ = ["RENAMES", "reuses_code"]

RENAMES = frozenset({"wrong-variable", "wrong-attribute"})
"""Families whose edit replaces one name by another."""

_TRIVIAL = (ast.Name, ast.Constant, ast.Attribute, ast.Starred, ast.keyword, ast.arguments, ast.arg)


@lru_cache(maxsize=64)
def _expressions(text: str) -> tuple[Counter[str], dict[str, int]] | None:
    """Every non-trivial expression of ``text`` (as a position-free dump) with its count, and how many
    variables each reads."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return None
    found = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.expr) and not isinstance(node, _TRIVIAL) and not _is_name_chain(node)
    ]
    dumps = [ast.dump(node) for node in found]
    return Counter(dumps), {dump: _variables(node) for dump, node in zip(dumps, found, strict=True)}


def _variables(node: ast.expr) -> int:
    """How many distinct variables ``node`` reads (called names left out: ``len(a)`` reads one)."""
    called = {id(n.func) for n in ast.walk(node) if isinstance(n, ast.Call)}
    return len({n.id for n in ast.walk(node) if isinstance(n, ast.Name) and id(n) not in called})


def _is_name_chain(node: ast.expr) -> bool:
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name)


def reuses_code(before: str, chunks: Sequence[tuple[str, str]], *, rename: bool = False) -> bool:
    """The change adds an occurrence of an expression the file ``before`` already has (for a ``rename``: one of
    two or more variables); ``chunks``: (before, after) of each changed function or statement."""
    whole = _expressions(before)
    if whole is None:
        return False
    removed: Counter[str] = Counter()
    added: Counter[str] = Counter()
    variables: dict[str, int] = {}
    for old_text, new_text in chunks:
        old, new = _expressions(old_text), _expressions(new_text)
        if old is None or new is None:
            return False
        removed += old[0]
        added += new[0]
        variables |= new[1]
    return any(whole[0][dump] and (not rename or variables[dump] > 1) for dump in added - removed)
