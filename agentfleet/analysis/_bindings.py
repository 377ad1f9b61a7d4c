"""Small AST facts the state analyses share: what a target or value is rooted in, the names a node binds,
values made anew."""

from __future__ import annotations

import ast
from collections.abc import Iterator

__all__ = ["FUNCTIONS", "base", "declared", "fresh", "module_names", "root", "stored", "written_into"]

FUNCTIONS = ast.FunctionDef | ast.AsyncFunctionDef
_FRESH_CALLS = frozenset({"list", "dict", "set", "bytearray", "deque", "defaultdict", "Counter", "OrderedDict"})
"""Constructors whose result no one else holds (``errors = list()``)."""


def base(node: ast.expr) -> ast.expr:
    """What a chain of subscripts and attributes starts from (``a`` of ``a.b[0].c``, the call of ``f().x``)."""
    while isinstance(node, ast.Subscript | ast.Attribute):
        node = node.value
    return node


def root(node: ast.expr) -> ast.Name | None:
    start = base(node)
    return start if isinstance(start, ast.Name) else None


def written_into(node: ast.AST, names: set[str]) -> Iterator[str]:
    """The targets an assignment, augmented assignment or ``del`` writes into something one of ``names`` holds
    (``names[0] = …``, ``names.attr += …``, ``del names[k]``); rebinding a bare name is not writing into it."""
    if not isinstance(node, ast.Assign | ast.AugAssign | ast.Delete):
        return
    for target in node.targets if isinstance(node, ast.Assign | ast.Delete) else [node.target]:
        start = root(target)
        if not isinstance(target, ast.Name) and start is not None and start.id in names:
            yield ast.unparse(target)


def stored(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}


def fresh(value: ast.expr | None) -> bool:
    """A value the expression makes anew (``[]``, ``{}``, ``[x for …]``, ``list(items)``): no one else holds it."""
    if isinstance(value, ast.List | ast.Dict | ast.Set | ast.ListComp | ast.DictComp | ast.SetComp):
        return True
    return isinstance(value, ast.Call) and ast.unparse(value.func).rsplit(".", 1)[-1] in _FRESH_CALLS


def declared(func: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """Names ``func`` declares ``global`` or ``nonlocal``."""
    return {name for n in ast.walk(func) if isinstance(n, ast.Global | ast.Nonlocal) for name in n.names}


def module_names(tree: ast.Module) -> set[str]:
    """Names the module binds at its top level (its state, its imports)."""
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
            names |= stored(node)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
    return names
