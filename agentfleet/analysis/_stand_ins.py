"""A test that puts a stand-in into ``sys.modules``: every later import of that name gets the stand-in, so the
test checks it, not the code as shipped (``sys.modules["pricing"] = fake``, ``sys.modules.update(...)``,
``mock.patch.dict(sys.modules, ...)``, ``monkeypatch.setitem(sys.modules, ...)``)."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from agentfleet.analysis._syntax import dotted_name

__all__ = ["stand_ins"]

_MODULES = "sys.modules"
_WRITERS = frozenset({"update", "setdefault", "__setitem__"})
"""Methods of ``sys.modules`` that put a module in it."""
_WRITES_INTO_FIRST = frozenset({"dict", "setitem"})
"""Calls that write into their first argument (``patch.dict``, ``monkeypatch.setitem``)."""


def _writes(node: ast.AST, aliases: dict[str, str]) -> bool:
    if isinstance(node, ast.Assign | ast.AugAssign | ast.Delete):
        targets = node.targets if isinstance(node, ast.Assign | ast.Delete) else [node.target]
        subscripted = [t.value for t in targets if isinstance(t, ast.Subscript)]
        return any(dotted_name(t, aliases) == _MODULES for t in subscripted)
    if not isinstance(node, ast.Call):
        return False
    owner, _, method = dotted_name(node.func, aliases).rpartition(".")
    first = dotted_name(node.args[0], aliases) if node.args else ""
    return (owner == _MODULES and method in _WRITERS) or (method in _WRITES_INTO_FIRST and first == _MODULES)


def stand_ins(node: ast.AST, aliases: dict[str, str]) -> Iterator[tuple[str, str]]:
    """The finding on ``node`` when it writes into ``sys.modules`` (``aliases``: the module's imports)."""
    if _writes(node, aliases):
        yield "test-rewires-code", f"`{ast.unparse(node)[:60]}` puts a stand-in into `sys.modules` for later imports"
