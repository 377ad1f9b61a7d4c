"""Swallowed exceptions: bare ``except``, ``except ...: pass`` and handlers that return a default.

A handler swallows when the error disappears without trace: a bare ``except:`` that does not
re-raise, a handler whose body is only ``pass`` / ``...`` / ``continue``, a handler that only returns
a constant or an empty container, and ``contextlib.suppress(Exception)``.
"""

from __future__ import annotations

import ast

from agentfleet.analysis._syntax import introduced, is_literal, parse, scoped_nodes
from agentfleet.analysis.violations import Violation

__all__ = ["new_swallowed_exceptions", "swallowed_exceptions"]

RULE = "swallowed-exception"
_BROAD = frozenset({"Exception", "BaseException"})


def _caught(handler: ast.ExceptHandler) -> str:
    return "everything" if handler.type is None else ast.unparse(handler.type)


def _is_default(node: ast.expr | None) -> bool:
    if node is None or is_literal(node):
        return True
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return not node.elts
    if isinstance(node, ast.Dict):
        return not node.keys
    return isinstance(node, ast.Call) and not node.args and ast.unparse(node.func) in {"list", "dict", "set", "tuple"}


def _handler_problem(handler: ast.ExceptHandler) -> str | None:
    caught = _caught(handler)
    body = handler.body
    if all(isinstance(s, ast.Pass | ast.Continue) or _is_ellipsis(s) for s in body):
        return f"`except {caught}` ignores the error (body is only pass/continue)"
    if len(body) == 1 and isinstance(body[0], ast.Return) and _is_default(body[0].value):
        default = "None" if body[0].value is None else ast.unparse(body[0].value)
        return f"`except {caught}` returns the default {default} instead of failing"
    if handler.type is None and not any(isinstance(n, ast.Raise) for s in body for n in ast.walk(s)):
        return "bare `except:` catches everything (even KeyboardInterrupt) and does not re-raise"
    return None


def _is_ellipsis(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and stmt.value.value is Ellipsis


def _suppress_problem(item: ast.withitem) -> str | None:
    call = item.context_expr
    if not isinstance(call, ast.Call) or ast.unparse(call.func).rsplit(".", 1)[-1] != "suppress":
        return None
    names = {ast.unparse(arg).rsplit(".", 1)[-1] for arg in call.args}
    if names & _BROAD:
        return f"`{ast.unparse(call)}` silences every error in its block"
    return None


def _found(source: str, path: str) -> list[tuple[tuple[str, str, str], Violation]]:
    found = []
    for node, scope in scoped_nodes(parse(source, path)):
        problems: list[str | None] = []
        if isinstance(node, ast.ExceptHandler):
            problems.append(_handler_problem(node))
        elif isinstance(node, ast.With | ast.AsyncWith):
            problems.extend(_suppress_problem(item) for item in node.items)
        for problem in filter(None, problems):
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
