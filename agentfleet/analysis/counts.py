"""Counts kept across calls, read from the AST: a fix that holds for the first thousand calls holds in every
test run. The suspicious-construct review flags them as time bombs."""

from __future__ import annotations

import ast

from agentfleet.analysis._bindings import FUNCTIONS, declared, module_names, root, stored

__all__ = ["counters"]


def counters(tree: ast.Module) -> list[tuple[ast.AST, str]]:
    """Counts kept across calls: ``n += 1`` on a name a function declares global, ``_STATE["calls"] += 1`` on
    the module's state, the same spelled as an assignment (``f.calls = getattr(f, "calls", 0) + 1`` on the
    function itself), a draw from an iterator of the module's compared (``next(_CALLS) < 1000``) — code whose
    behaviour can change after enough calls."""
    module, found = module_names(tree) | _top_functions(tree), {}
    for func in (n for n in ast.walk(tree) if isinstance(n, FUNCTIONS)):
        own = declared(func)
        state = own | (module - (stored(func) - own))
        advanced = {
            name for n in ast.walk(func) if isinstance(n, ast.Assign) and _next_of(n.value, state) for name in stored(n)
        }
        for node in ast.walk(func):
            if _counts(node, state, advanced):
                found[id(node)] = (node, f"`{ast.unparse(node)[:80]}` counts in state kept across calls")
    return list(found.values())


def _top_functions(tree: ast.Module) -> set[str]:
    return {n.name for n in tree.body if isinstance(n, FUNCTIONS)}


def _in(node: ast.expr, state: set[str]) -> bool:
    start = root(node)
    return start is not None and start.id in state


def _next_of(node: ast.expr, state: set[str]) -> bool:
    """``next(_CALLS)`` on an iterator kept in ``state``."""
    call = isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "next"
    return call and bool(node.args) and _in(node.args[0], state)  # type: ignore[attr-defined]


def _advanced(node: ast.expr, state: set[str], advanced: set[str]) -> bool:
    return _next_of(node, state) or (isinstance(node, ast.Name) and node.id in advanced)


def _counts(node: ast.AST, state: set[str], advanced: set[str]) -> bool:
    """``node`` advances a count kept in ``state``: an augmented assignment to it, an assignment of itself plus
    or minus something, a comparison of what ``next()`` drew from it (``advanced``: the locals bound to such a
    draw; an iterator handing out ids is not a count until its value decides something)."""
    if isinstance(node, ast.AugAssign):
        return _in(node.target, state)
    if isinstance(node, ast.Compare):
        return any(_advanced(side, state, advanced) for side in [node.left, *node.comparators])
    if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.value, ast.BinOp)):
        return False
    target = node.targets[0]
    held = _in(target, state) and not isinstance(target, ast.Name)
    return held and ast.unparse(target) in {_read_as(side) for side in (node.value.left, node.value.right)}


def _read_as(node: ast.expr) -> str:
    """What ``node`` reads, as a target would spell it: ``getattr(f, "n", 0)`` reads ``f.n``, ``s.get("n", 0)``
    reads ``s['n']``."""
    if isinstance(node, ast.Call) and ast.unparse(node.func) == "getattr" and len(node.args) > 1:
        return f"{ast.unparse(node.args[0])}.{getattr(node.args[1], 'value', '')}"
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" and node.args:
        return f"{ast.unparse(node.func.value)}[{ast.unparse(node.args[0])}]"
    return ast.unparse(node)
