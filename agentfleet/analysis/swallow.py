"""Swallowed exceptions: handlers whose effect is that the error disappears, however they are spelled.

A handler swallows when, without re-raising, it

- does nothing (``pass`` / ``...`` / ``continue``),
- returns a constant on every path, whatever else it does first (logging, assignments):
  ``return 0.0``, ``return float()``, ``return Decimal("0")``, ``return []``,
- catches everything (bare ``except:``, ``Exception``, ``BaseException``) and carries on;

and ``return`` inside ``finally`` discards any exception in flight. ``contextlib.suppress`` of a broad
error counts too, under any alias and with exceptions passed as ``*[...]`` or computed at run time.
"""

from __future__ import annotations

import ast

from agentfleet.analysis._syntax import introduced, parse, scoped_nodes
from agentfleet.analysis.constants import is_constant_expr, is_falsy_constant
from agentfleet.analysis.violations import Violation

__all__ = ["new_swallowed_exceptions", "swallowed_exceptions"]

RULE = "swallowed-exception"
_BROAD = frozenset({"Exception", "BaseException"})


def _caught(handler: ast.ExceptHandler) -> str:
    return "everything" if handler.type is None else ast.unparse(handler.type)


def _is_broad(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return True
    kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(ast.unparse(kind).rsplit(".", 1)[-1] in _BROAD for kind in kinds)


def _raises(body: list[ast.stmt]) -> bool:
    """A ``raise`` that can run: not in a branch whose condition is always false, not in a nested function."""
    for stmt in body:
        if isinstance(stmt, ast.Raise):
            return True
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        if isinstance(stmt, ast.If | ast.While) and is_falsy_constant(stmt.test):
            if _raises(stmt.orelse):
                return True
            continue
        if any(_raises(list(block)) for block in _blocks(stmt)):
            return True
    return False


def _blocks(stmt: ast.stmt) -> list[list[ast.stmt]]:
    """The statement lists nested directly in ``stmt`` (bodies, else branches, handlers, cases)."""
    blocks = [
        getattr(stmt, name) for name in ("body", "orelse", "finalbody") if isinstance(getattr(stmt, name, None), list)
    ]
    blocks += [h.body for h in getattr(stmt, "handlers", [])]
    blocks += [c.body for c in getattr(stmt, "cases", [])]
    return blocks


def _constant_exit(body: list[ast.stmt]) -> ast.expr | None | bool:
    """The constant the block returns on every path (``None`` for a bare ``return``), or ``False``."""
    if not body:
        return False
    last = body[-1]
    if isinstance(last, ast.Return):
        return last.value if last.value is None or is_constant_expr(last.value) else False
    if isinstance(last, ast.If) and last.orelse:
        first, second = _constant_exit(last.body), _constant_exit(last.orelse)
        return first if first is not False and second is not False else False
    return False


def _is_noop(stmt: ast.stmt) -> bool:
    if isinstance(stmt, ast.Pass | ast.Continue):
        return True
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and stmt.value.value is Ellipsis


def _handler_problem(handler: ast.ExceptHandler) -> str | None:
    caught = _caught(handler)
    body = handler.body
    if _raises(body):
        return None
    if all(_is_noop(s) for s in body):
        return f"`except {caught}` ignores the error (body is only pass/continue)"
    constant = _constant_exit(body)
    if constant is not False:
        default = "None" if constant is None else ast.unparse(constant)  # type: ignore[arg-type]
        extra = f" (after {len(body) - 1} other statement(s))" if len(body) > 1 else ""
        return f"`except {caught}` returns the default {default} instead of failing{extra}"
    if handler.type is None:
        return "bare `except:` catches everything (even KeyboardInterrupt) and does not re-raise"
    if _is_broad(handler):
        return f"`except {caught}` catches every error and carries on without re-raising"
    return None


def _suppress_aliases(tree: ast.Module) -> set[str]:
    """Local names bound to ``contextlib.suppress`` (``suppress`` itself always counts)."""
    names = {"suppress"}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "contextlib":
            names |= {alias.asname or alias.name for alias in node.names if alias.name == "suppress"}
    return names


def _suppress_problem(item: ast.withitem, aliases: set[str]) -> str | None:
    call = item.context_expr
    if not isinstance(call, ast.Call) or ast.unparse(call.func).rsplit(".", 1)[-1] not in aliases:
        return None
    names: set[str] = set()
    for arg in call.args:
        value = arg.value if isinstance(arg, ast.Starred) else arg
        if isinstance(value, ast.List | ast.Tuple | ast.Set):
            names |= {ast.unparse(elt).rsplit(".", 1)[-1] for elt in value.elts}
        elif isinstance(arg, ast.Starred):
            return f"`{ast.unparse(call)}` silences errors chosen at run time"
        else:
            names.add(ast.unparse(value).rsplit(".", 1)[-1])
    if names & _BROAD:
        return f"`{ast.unparse(call)}` silences every error in its block"
    return None


def _finally_problem(node: ast.Try | ast.TryStar) -> str | None:
    if any(isinstance(n, ast.Return) for stmt in node.finalbody for n in ast.walk(stmt)):
        return "`return` in `finally` discards any exception raised in the `try`"
    return None


def _problems(node: ast.AST, aliases: set[str]) -> list[str | None]:
    if isinstance(node, ast.ExceptHandler):
        return [_handler_problem(node)]
    if isinstance(node, ast.With | ast.AsyncWith):
        return [_suppress_problem(item, aliases) for item in node.items]
    if isinstance(node, ast.Try | ast.TryStar):
        return [_finally_problem(node)]
    return []


def _found(source: str, path: str) -> list[tuple[tuple[str, str, str], Violation]]:
    tree = parse(source, path)
    aliases = _suppress_aliases(tree)
    found = []
    for node, scope in scoped_nodes(tree):
        for problem in filter(None, _problems(node, aliases)):
            where = f" in {scope}" if scope else ""
            violation = Violation(RULE, path, getattr(node, "lineno", 0), problem + where)
            found.append(((scope, problem, type(node).__name__), violation))
    return found


def swallowed_exceptions(source: str, path: str = "<source>") -> list[Violation]:
    """Every place in ``source`` that swallows an exception."""
    return [violation for _, violation in _found(source, path)]


def new_swallowed_exceptions(before: str | None, after: str, path: str = "<source>") -> list[Violation]:
    """Swallowing handlers in ``after`` that ``before`` (``None``: a new file) did not have.

    Handlers are matched by enclosing function and kind, not line, so moved code is not reported.
    """
    old = [key for key, _ in _found(before, path)] if before is not None else []
    return introduced(old, _found(after, path))
