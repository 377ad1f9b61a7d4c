"""Same code, other names: whether two runs of statements are one renamed copy of the other, and the helper
already in the module that a region to extract is a copy of (so a second block gets a call, not a twin helper)."""

from __future__ import annotations

import ast

from agentfleet.flow.fixers.refactor.flow import Flow, Region

__all__ = ["existing_helper", "renaming"]


def _values(node: ast.AST) -> list[object]:
    """A node's own values beside its children: a constant's value, an attribute's or a keyword's name."""
    return [value for field in node._fields if not isinstance(value := getattr(node, field, None), ast.AST | list)]


def renaming(a: list[ast.stmt], b: list[ast.stmt]) -> dict[str, str] | None:
    """``a``'s names → ``b``'s, when the regions are the same code modulo a one-to-one renaming."""
    forward: dict[str, str] = {}
    backward: dict[str, str] = {}
    for x, y in zip((n for s in a for n in ast.walk(s)), (n for s in b for n in ast.walk(s)), strict=False):
        if type(x) is not type(y):
            return None
        pair = (x.id, y.id) if isinstance(x, ast.Name) else (x.arg, y.arg) if isinstance(x, ast.arg) else None  # type: ignore[attr-defined]
        if pair is None:
            if _values(x) != _values(y):  # another constant, attribute or keyword: other code, not a renamed copy
                return None
            continue
        if forward.setdefault(pair[0], pair[1]) != pair[1] or backward.setdefault(pair[1], pair[0]) != pair[0]:
            return None
    return forward


def _returned(stmt: ast.stmt) -> list[str] | None:
    value = stmt.value if isinstance(stmt, ast.Return) else None
    if isinstance(value, ast.Name):
        return [value.id]
    if isinstance(value, ast.Tuple) and all(isinstance(e, ast.Name) for e in value.elts):
        return [e.id for e in value.elts]  # type: ignore[attr-defined]
    return None


def _same(helper: ast.FunctionDef, region: Region, flow: Flow) -> tuple[list[str], list[str]] | None:
    """(arguments, outputs) of a call to ``helper`` doing what ``region`` does, or ``None``."""
    body, outputs = helper.body, []
    if flow.outputs:
        found = _returned(body[-1]) if body else None
        if found is None:
            return None
        body, outputs = body[:-1], found
    size = sum(1 for s in body for _ in ast.walk(s))
    if not body or size != sum(1 for s in region.stmts for _ in ast.walk(s)):
        return None
    mapping = renaming(body, region.stmts)
    bound = {p.arg for p in helper.args.args} | {
        n.id for s in body for n in ast.walk(s) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
    }
    if mapping is None or any(a != b for a, b in mapping.items() if a not in bound):
        return None  # another global (``setter`` for ``getter``) is other code, not a renamed copy
    args = [mapping.get(p.arg, p.arg) for p in helper.args.args]
    outs = [mapping.get(n, n) for n in outputs]
    return (args, outs) if set(args) == set(flow.inputs) and set(outs) == set(flow.outputs) else None


def existing_helper(tree: ast.Module, region: Region, flow: Flow) -> tuple[str, list[str], list[str]] | None:
    """A private module-level function whose body is ``region`` renamed (a helper an earlier extraction made from
    a twin block): its name, the call's arguments and the names it gives back."""
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or not node.name.startswith("_") or node.decorator_list:
            continue
        args = node.args
        if args.posonlyargs or args.kwonlyargs or args.vararg or args.kwarg or args.defaults:
            continue
        same = _same(node, region, flow)
        if same is not None:
            return node.name, *same
    return None
