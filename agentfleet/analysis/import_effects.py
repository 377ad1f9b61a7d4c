"""What a module does at import for its effect on the process, however the statement is spelled: nested in an
``if``, a ``try`` or a class body, its result bound to a name nothing reads (also as an item of a container:
``_SETUP = [logging.disable(…)]``) or to a default argument the function never reads, or an assignment into
something an import or a call handed the module."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from agentfleet.analysis._bindings import FUNCTIONS, fresh, stored, written_into

__all__ = ["at_import"]


def _import_time(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements ``body`` runs at import: nested in ``if``/``try``/``with``/loops and class bodies too."""
    for stmt in body:
        yield stmt
        if isinstance(stmt, FUNCTIONS):
            continue
        for block in ("body", "orelse", "finalbody"):
            yield from _import_time(getattr(stmt, block, []))
        for handler in getattr(stmt, "handlers", []):
            yield from _import_time(handler.body)


def at_import(tree: ast.Module) -> Iterator[str]:
    """What runs at import for its effect on the process: a call whose result is dropped (a bare statement, or
    bound to a private name the module never reads: ``_ = logging.disable(...)``), and an assignment into something an
    import or a call handed the module (``os.environ[k] = …``, ``_CONTEXT = getcontext()`` then
    ``_CONTEXT.traps[…] = False``)."""
    statements = list(_import_time(tree.body))
    read = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    handed = {
        (a.asname or a.name).split(".")[0]
        for n in statements
        if isinstance(n, ast.Import | ast.ImportFrom)
        for a in n.names
    }
    handed |= {
        name
        for n in statements
        if isinstance(n, ast.Assign) and isinstance(n.value, ast.Call) and not fresh(n.value)
        for name in stored(n)
    }
    for node in statements:
        dropped = isinstance(node, ast.Expr) or (isinstance(node, ast.Assign) and _discarded(node, read))
        if dropped and isinstance(node, ast.Expr | ast.Assign):
            yield from (ast.unparse(call) for call in _calls_held(node.value))
        if isinstance(node, FUNCTIONS):
            yield from (ast.unparse(call) for call in _unread_defaults(node))
        yield from written_into(node, handed)


def _calls_held(value: ast.expr) -> list[ast.Call]:
    """The calls whose results ``value`` is made of: itself, the items of a container it builds, or the operands it
    combines (``logging.disable(50) or 0``, ``f() + 1``, ``a if f() else b``): dropped with it."""
    if isinstance(value, ast.List | ast.Tuple | ast.Set):
        return [call for item in value.elts for call in _calls_held(item)]
    if isinstance(value, ast.BoolOp):
        return [call for item in value.values for call in _calls_held(item)]
    if isinstance(value, ast.BinOp | ast.Compare):
        operands = [value.left, value.right] if isinstance(value, ast.BinOp) else [value.left, *value.comparators]
        return [call for item in operands for call in _calls_held(item)]
    if isinstance(value, ast.IfExp | ast.UnaryOp):
        parts = [value.test, value.body, value.orelse] if isinstance(value, ast.IfExp) else [value.operand]
        return [call for item in parts for call in _calls_held(item)]
    return [value] if isinstance(value, ast.Call) else []


def _unread_defaults(func: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.Call]:
    """Calls in default arguments (evaluated once, at definition) whose parameter the function never reads:
    ``def f(_done=warnings.simplefilter("ignore"))`` runs the call at import for its effect alone."""
    arguments = func.args
    positional = [*arguments.posonlyargs, *arguments.args]
    pairs = [*zip(positional[len(positional) - len(arguments.defaults) :], arguments.defaults, strict=True)]
    pairs += [(a, d) for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True) if d is not None]
    read = {n.id for n in ast.walk(func) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    return [call for arg, default in pairs if arg.arg not in read for call in _calls_held(default)]


def _discarded(node: ast.Assign, read: set[str]) -> bool:
    """The assignment binds only private names the module never reads (``_``, ``_done``): no one else may read
    them either, so the value was wanted for the call's effect. A public name is for importers (``log``)."""
    return all(isinstance(t, ast.Name) and t.id.startswith("_") and t.id not in read for t in node.targets)
