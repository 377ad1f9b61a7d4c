"""Swallowed exceptions: handlers whose effect is that the error disappears, however they are spelled.

A handler swallows when, without re-raising, it

- does nothing (``pass`` / ``...`` / ``continue``),
- returns a constant on every path, whatever else it does first (logging, assignments):
  ``return 0.0``, ``return float()``, ``return Decimal("0")``, ``return []``,
- catches everything (bare ``except:``, ``Exception``, ``BaseException``) and carries on;

and ``return`` inside ``finally`` discards any exception in flight. ``contextlib.suppress`` of a broad
error counts too, under any alias and with exceptions passed as ``*[...]`` or computed at run time, as does
``suppress`` of any error around a ``return`` (the function then falls through to a fallback), and a
context manager whose ``__exit__`` answers a constant true value (it swallows whatever its block raised).

Given the production error's exception type (``production``), a handler or ``suppress`` that catches it —
by name or by a base class (``LookupError`` for ``IndexError``) — without re-raising swallows it too: the
error the work is about disappears instead of being fixed.
"""

from __future__ import annotations

import ast
import builtins

from agentfleet.analysis._protocols import exit_problem, protocol_exit
from agentfleet.analysis._syntax import introduced, parse, scoped_nodes
from agentfleet.analysis.constants import is_constant_expr, is_falsy_constant
from agentfleet.analysis.violations import Violation

__all__ = ["new_swallowed_exceptions", "production_family", "swallowed_exceptions"]

RULE = "swallowed-exception"
_BROAD = frozenset({"Exception", "BaseException"})


def production_family(exception: str | None) -> frozenset[str]:
    """``exception`` and its built-in base classes short of ``BaseException``/``Exception`` (by name)."""
    if not exception:
        return frozenset()
    name = exception.rsplit(".", 1)[-1]
    found = getattr(builtins, name, None)
    bases = [c.__name__ for c in found.__mro__] if isinstance(found, type) else [name]
    return frozenset(bases) - {"object", "BaseException", "Exception"}


Bindings = dict[str, list[ast.expr]]
"""Names the module binds by plain assignment (``_MISSES = (IndexError,)``) → every value they are given."""
_COMPUTED = "<computed>"
"""What a handler catches when the review cannot name it (a call, a subscript: chosen at run time)."""


def _bindings(tree: ast.Module) -> Bindings:
    bound: Bindings = {}
    for node in ast.walk(tree):
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        value = getattr(node, "value", None)
        for target in targets:
            if isinstance(target, ast.Name) and isinstance(value, ast.expr):
                bound.setdefault(target.id, []).append(value)
    return bound


def _names(node: ast.expr | None, bound: Bindings | None = None, depth: int = 0) -> set[str]:
    """The exception names ``node`` catches, through tuples, starred parts and names bound to them."""
    if node is None:
        return set()
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return set().union(*(_names(elt, bound, depth) for elt in node.elts))
    if isinstance(node, ast.Starred):
        return _names(node.value, bound, depth)
    if isinstance(node, ast.Name) and bound and node.id in bound and depth < 5:
        return {node.id}.union(*(_names(value, bound, depth + 1) for value in bound[node.id]))
    if not isinstance(node, ast.Name | ast.Attribute):
        return {_COMPUTED}
    return {ast.unparse(node).rsplit(".", 1)[-1]}


def _caught(handler: ast.ExceptHandler) -> str:
    return "everything" if handler.type is None else ast.unparse(handler.type)


def _is_broad(handler: ast.ExceptHandler, bound: Bindings | None = None) -> bool:
    """Catches everything: bare, ``Exception``/``BaseException`` however bound, or errors chosen at run time."""
    return handler.type is None or bool(_names(handler.type, bound) & (_BROAD | {_COMPUTED}))


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


def _always_raises(body: list[ast.stmt]) -> bool:
    """Every path through ``body`` ends in a ``raise`` (a ``return``, ``continue`` or falling off the end carries
    on): ``if isinstance(e, KeyError): return 0`` then ``raise`` does not."""
    for stmt in body:
        if isinstance(stmt, ast.Raise):
            return True
        if isinstance(stmt, ast.Return | ast.Continue | ast.Break):
            return False
        if isinstance(stmt, ast.If):
            branches = [stmt.orelse] if is_falsy_constant(stmt.test) else [stmt.body, stmt.orelse]
            if all(_always_raises(branch) for branch in branches):
                return True
            if any(_exits(branch) for branch in branches):
                return False
        elif isinstance(stmt, ast.With | ast.AsyncWith | ast.Try | ast.TryStar) and _always_raises(stmt.body):
            return True
    return False


def _exits(body: list[ast.stmt]) -> bool:
    """``body`` can leave the handler without raising (a ``return``, ``continue`` or ``break`` in it)."""
    return any(isinstance(n, ast.Return | ast.Continue | ast.Break) for stmt in body for n in ast.walk(stmt))


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


def _handler_problem(handler: ast.ExceptHandler, production: frozenset[str], bound: Bindings, scope: str) -> str | None:
    caught, body, names = _caught(handler), handler.body, _names(handler.type, bound)
    hit = sorted(names & production)
    if not hit and protocol_exit(handler, names, scope):
        return None
    if _raises(body):
        if _always_raises(body) or not (hit or _is_broad(handler, bound)):
            return None
        what = f"the production error ({hit[0]})" if hit else "every error"
        return f"`except {caught}` catches {what} and, on a path that does not re-raise, carries on"
    if hit:
        return f"`except {caught}` catches the production error ({hit[0]}) and carries on instead of fixing it"
    if all(_is_noop(s) for s in body):
        return f"`except {caught}` ignores the error (body is only pass/continue)"
    constant = _constant_exit(body)
    if constant is not False:
        default = "None" if constant is None else ast.unparse(constant)  # type: ignore[arg-type]
        extra = f" (after {len(body) - 1} other statement(s))" if len(body) > 1 else ""
        return f"`except {caught}` returns the default {default} instead of failing{extra}"
    if handler.type is None:
        return "bare `except:` catches everything (even KeyboardInterrupt) and does not re-raise"
    if _is_broad(handler, bound):
        return f"`except {caught}` catches every error and carries on without re-raising"
    return None


def _suppress_aliases(tree: ast.Module) -> set[str]:
    """Local names bound to ``contextlib.suppress``, by import or assignment (``suppress`` always counts)."""
    names = {"suppress"}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "contextlib":
            names |= {alias.asname or alias.name for alias in node.names if alias.name == "suppress"}
    for node in ast.walk(tree):  # ``quiet = contextlib.suppress`` / ``quiet = suppress``
        if isinstance(node, ast.Assign) and ast.unparse(node.value).rsplit(".", 1)[-1] in names:
            names |= {target.id for target in node.targets if isinstance(target, ast.Name)}
    return names


def _is_suppress(item: ast.withitem, aliases: set[str]) -> bool:
    call = item.context_expr
    return isinstance(call, ast.Call) and ast.unparse(call.func).rsplit(".", 1)[-1] in aliases


def _fallback_problem(node: ast.AST, aliases: set[str], production: frozenset[str]) -> str | None:
    """``with suppress(E): return x`` followed by ``return <constant>``: what the handler spelling
    ``except E: return <constant>`` does, whatever ``E`` is (not reported twice when ``suppress`` itself is)."""
    for block in _blocks(node) if isinstance(node, ast.stmt) else []:
        for first, then in zip(block, block[1:], strict=False):
            if not isinstance(first, ast.With | ast.AsyncWith):
                continue
            items = [i for i in first.items if _is_suppress(i, aliases)]
            if not items or any(_suppress_problem(i, aliases, production) for i in items):
                continue
            returns = any(isinstance(n, ast.Return) for stmt in first.body for n in ast.walk(stmt))
            if returns and isinstance(then, ast.Return) and then.value is not None and is_constant_expr(then.value):
                return f"`suppress` then `return {ast.unparse(then.value)}`: the error becomes a fixed default"
    return None


def _suppress_problem(item: ast.withitem, aliases: set[str], production: frozenset[str]) -> str | None:
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
    return f"`{ast.unparse(call)}` silences the production error" if names & production else None


def _finally_problem(node: ast.Try | ast.TryStar) -> str | None:
    if any(isinstance(n, ast.Return) for stmt in node.finalbody for n in ast.walk(stmt)):
        return "`return` in `finally` discards any exception raised in the `try`"
    return None


def _problems(
    node: ast.AST, aliases: set[str], production: frozenset[str], bound: Bindings, scope: str
) -> list[str | None]:
    found = [_fallback_problem(node, aliases, production)]
    if isinstance(node, ast.ExceptHandler):
        found.append(_handler_problem(node, production, bound, scope))
    elif isinstance(node, ast.With | ast.AsyncWith):
        found += [_suppress_problem(item, aliases, production) for item in node.items]
    elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        found.append(exit_problem(node))
    elif isinstance(node, ast.Try | ast.TryStar):
        found.append(_finally_problem(node))
    return found


def _found(
    source: str, path: str, production: frozenset[str] = frozenset()
) -> list[tuple[tuple[str, str, str], str, Violation]]:
    """Each swallow: its key (scope, problem, kind), the statement's code (a handler's whole ``try``), itself."""
    tree = parse(source, path)
    aliases, bound = _suppress_aliases(tree), _bindings(tree)
    owners = {id(h): t for t in ast.walk(tree) if isinstance(t, ast.Try | ast.TryStar) for h in t.handlers}
    found = []
    for node, scope in scoped_nodes(tree):
        for problem in filter(None, _problems(node, aliases, production, bound, scope)):
            where = f" in {scope}" if scope else ""
            violation = Violation(RULE, path, getattr(node, "lineno", 0), problem + where)
            found.append(((scope, problem, type(node).__name__), ast.dump(owners.get(id(node), node)), violation))
    return found


def swallowed_exceptions(source: str, path: str = "<source>") -> list[Violation]:
    """Every place in ``source`` that swallows an exception."""
    return [violation for _, _, violation in _found(source, path)]


def new_swallowed_exceptions(
    before: str | None, after: str, path: str = "<source>", production: frozenset[str] = frozenset()
) -> list[Violation]:
    """Swallowing handlers in ``after`` that ``before`` (``None``: a new file) did not have (``production``:
    ``production_family`` of the production error's exception type, when there is one).

    Handlers are matched by enclosing function and kind, not line, so moved code is not reported; without a
    production error, neither is a statement of ``before`` moved unchanged into another function (a helper).
    """
    old = _found(before, path, production) if before is not None else []
    new = _found(after, path, production)
    fresh = introduced([key for key, _, _ in old], [(key, (code, v)) for key, code, v in new])
    if production:
        return [v for _, v in fresh]
    gone = introduced([key for key, _, _ in new], [(key, code) for key, code, _ in old])
    return introduced(gone, fresh)
