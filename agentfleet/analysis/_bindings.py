"""Small AST facts the state analyses share: what a target or value is rooted in, the names a node binds,
values made anew."""

from __future__ import annotations

import ast
from collections.abc import Iterator

__all__ = [
    "FUNCTIONS",
    "base",
    "containers_of",
    "declared",
    "defaults",
    "fresh",
    "module_names",
    "root",
    "stored",
    "written_into",
]

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


def defaults(func: ast.FunctionDef | ast.AsyncFunctionDef) -> list[tuple[ast.expr, ast.expr]]:
    """A nested function's or lambda's parameters paired with their defaults (``lambda held=lines: held.clear()``:
    ``held`` is the caller's list)."""
    pairs: list[tuple[ast.expr, ast.expr]] = []
    for node in (n for n in ast.walk(func) if n is not func and isinstance(n, ast.Lambda | FUNCTIONS)):
        args = node.args
        positional = [*args.posonlyargs, *args.args][len(args.posonlyargs) + len(args.args) - len(args.defaults) :]
        named = [(a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d is not None]
        pairs += [(ast.Name(a.arg, ast.Store()), d) for a, d in [*zip(positional, args.defaults, strict=True), *named]]
    return pairs


def containers_of(func: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """Names ``func`` uses as containers: iterates, indexes, measures or calls a method of (``lines *= 0`` then
    changes the caller's list in place; ``amount *= 100`` on a name used as none rebinds a number)."""
    used = [n.iter for n in ast.walk(func) if isinstance(n, ast.For | ast.AsyncFor | ast.comprehension)]
    used += [n.value for n in ast.walk(func) if isinstance(n, ast.Subscript)]
    used += [n.func.value for n in ast.walk(func) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)]
    used += [n.args[0] for n in ast.walk(func) if isinstance(n, ast.Call) and _is_len(n)]
    return {n.id for n in used if isinstance(n, ast.Name)}


def _is_len(call: ast.Call) -> bool:
    return isinstance(call.func, ast.Name) and call.func.id == "len" and len(call.args) == 1
