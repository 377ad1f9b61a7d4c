"""libcst codemods that lower a function's complexity or nesting and never change what it does.

- ``bool_return``: ``if c: return True`` / ``else: return False`` (or a ``return False`` after it) →
  ``return bool(c)`` (``return not c`` the other way round);
- ``merge_ifs``: ``if a:`` holding only ``if b:`` (neither with an ``else``) → ``if a and b:`` (an ``if`` test
  evaluates ``a`` and ``b`` exactly as the nested form does);
- ``else_after_exit``: ``if c: … return`` ``else: B`` → ``if c: … return`` then ``B`` one level up (or the
  ``else`` branch first, negated, when it is the one that exits);
- ``guard_clause``: a function (or loop body) that ends in ``if c:`` with a long body → ``if not c: return``
  (``continue``) then the body one level up; and ``if c: <long, exits>`` followed by a short rest that exits
  → ``if not c: <rest>`` then the long body one level up;
- ``comprehension`` (``comprehension.py``): a list, set or dict built by a loop → a comprehension.
- ``ternary`` (``ternary.py``): ``if c: x = a`` / ``else: x = b`` → ``x = a if c else b``.

Only the flagged function is rewritten (nested functions and classes are left alone), comments stay (a rewrite
that would drop one is not made), and each rewrite is exact, not a heuristic: no negation of ``<`` into ``>=``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import libcst as cst

from agentfleet.flow.fixers.refactor.comprehension import comprehension
from agentfleet.flow.fixers.refactor.syntax import (
    block,
    comments,
    find_def,
    loose,
    negate,
    replace_def,
    small,
    terminates,
    with_block,
)
from agentfleet.flow.fixers.refactor.ternary import ternary

__all__ = ["CODEMODS", "Rewrite", "rewrite_function"]

CODEMODS = ("bool_return", "merge_ifs", "else_after_exit", "guard_clause", "comprehension", "ternary")
"""Every codemod, by the name the rationale and the ``NoFix`` use."""

_MIN_GUARDED = 2
"""A guard clause only for a tail ``if`` whose body has at least this many statements (or a nested block)."""


@dataclass
class Rewrite:
    """One pass over a function: which codemods applied, where (``name`` → count)."""

    enabled: tuple[str, ...]
    function: cst.FunctionDef
    applied: dict[str, int] = field(default_factory=dict)
    in_try: int = 0

    def note(self, name: str) -> None:
        """Count one application of ``name``."""
        self.applied[name] = self.applied.get(name, 0) + 1

    def on(self, name: str) -> bool:
        """Whether ``name`` may run."""
        return name in self.enabled


def _returns(stmt: cst.BaseStatement | None, value: str) -> bool:
    node = small(stmt) if stmt is not None else None
    return isinstance(node, cst.Return) and isinstance(node.value, cst.Name) and node.value.value == value


def _return(expr: cst.BaseExpression, like: cst.BaseStatement) -> cst.SimpleStatementLine:
    assert isinstance(like, cst.SimpleStatementLine)
    return like.with_changes(body=[cst.Return(value=expr)])


def _bool_of(node: cst.If, truthy: bool) -> cst.BaseExpression:
    if truthy:
        return cst.Call(func=cst.Name("bool"), args=[cst.Arg(value=node.test.with_changes(lpar=[], rpar=[]))])
    return negate(node.test)


def _bool_return(node: cst.If, after: cst.BaseStatement | None) -> tuple[cst.BaseStatement, bool] | None:
    """The single ``return`` for ``node`` (and whether it consumed ``after``), or ``None``."""
    body = block(node.body)
    if body is None or len(body) != 1:
        return None
    for truthy, other in ((True, "False"), (False, "True")):
        if not _returns(body[0], "True" if truthy else "False"):
            continue
        new = _return(_bool_of(node, truthy), body[0]).with_changes(leading_lines=node.leading_lines)
        orelse = block(node.orelse.body) if isinstance(node.orelse, cst.Else) else None
        if orelse is not None and len(orelse) == 1 and _returns(orelse[0], other):
            return new, False
        if node.orelse is None and _returns(after, other):
            return new, True
    return None


def _merge_ifs(node: cst.If) -> cst.If | None:
    body = block(node.body)
    if node.orelse is not None or body is None or len(body) != 1:
        return None
    inner = body[0]
    if not isinstance(inner, cst.If) or inner.orelse is not None or inner.leading_lines:
        return None
    test = cst.BooleanOperation(left=loose(node.test), operator=cst.And(), right=loose(inner.test))
    return node.with_changes(test=test, body=inner.body)


def _else_after_exit(node: cst.If) -> list[cst.BaseStatement] | None:
    body = block(node.body)
    if node.orelse is None or body is None:
        return None
    if isinstance(node.orelse, cst.If):
        return [node.with_changes(orelse=None), node.orelse] if terminates(body) else None
    other = block(node.orelse.body)
    if other is None or node.orelse.leading_lines:
        return None
    if terminates(body) and (not terminates(other) or len(body) <= len(other)):
        return [node.with_changes(orelse=None), *other]
    if terminates(other):
        return [node.with_changes(test=negate(node.test), body=node.orelse.body, orelse=None), *body]
    return None


def _guard(node: cst.If, exit_: type[cst.Return] | type[cst.Continue]) -> list[cst.BaseStatement] | None:
    body = block(node.body)
    if node.orelse is not None or body is None or terminates(body):
        return None
    if len(body) < _MIN_GUARDED and not isinstance(body[0], cst.BaseCompoundStatement):
        return None
    leave = cst.SimpleStatementLine(body=[exit_()])
    guard = node.with_changes(test=negate(node.test), body=with_block(node.body, [leave]))
    return [guard, *body]


def _invert(stmts: list[cst.BaseStatement]) -> list[cst.BaseStatement] | None:
    """``if c: A`` (exits, nested) then ``B`` (exits, flat) → ``if not c: B`` then ``A`` one level up."""
    for i, stmt in enumerate(stmts[:-1]):
        rest = stmts[i + 1 :]
        if not isinstance(stmt, cst.If) or stmt.orelse is not None:
            continue
        body = block(stmt.body)
        if body is None or not terminates(body) or not terminates(rest):
            continue
        flat = not any(isinstance(s, cst.BaseCompoundStatement) for s in rest)
        if flat and len(rest) <= 2 and any(isinstance(s, cst.BaseCompoundStatement) for s in body):
            kept = [ln for ln in getattr(rest[0], "leading_lines", ()) if ln.comment]
            first = rest[0].with_changes(leading_lines=kept)
            guard = stmt.with_changes(test=negate(stmt.test), body=with_block(stmt.body, [first, *rest[1:]]))
            return [*stmts[:i], guard, *body]
    return None


def _compound(stmt: cst.BaseStatement, rw: Rewrite, tail: str | None) -> cst.BaseStatement:
    """``stmt`` with its inner blocks rewritten (``tail``: the exit falling off this block means)."""
    if isinstance(stmt, cst.If):
        body = block(stmt.body)
        orelse = stmt.orelse
        if isinstance(orelse, cst.If):
            orelse = _compound(orelse, rw, tail)  # type: ignore[assignment]
        elif isinstance(orelse, cst.Else) and (inner := block(orelse.body)) is not None:
            orelse = orelse.with_changes(body=with_block(orelse.body, _block(inner, rw, tail)))
        new_body = stmt.body if body is None else with_block(stmt.body, _block(body, rw, tail))
        return stmt.with_changes(body=new_body, orelse=orelse)
    if isinstance(stmt, cst.For | cst.While):
        body = block(stmt.body)
        return stmt if body is None else stmt.with_changes(body=with_block(stmt.body, _block(body, rw, "loop")))
    if isinstance(stmt, cst.With | cst.Try):  # both can swallow an exception half-way (a context manager may)
        rw.in_try += 1
        body = block(stmt.body)
        done = stmt if body is None else stmt.with_changes(body=with_block(stmt.body, _block(body, rw, None)))
        rw.in_try -= 1
        return done
    return stmt


def _at(stmt: cst.BaseStatement, rw: Rewrite) -> list[cst.BaseStatement]:
    """Rewrites of one ``if`` that need no neighbour."""
    if not isinstance(stmt, cst.If):
        return [stmt]
    if rw.on("merge_ifs") and (merged := _merge_ifs(stmt)) is not None:
        rw.note("merge_ifs")
        return _at(merged, rw)
    if rw.on("else_after_exit") and (flat := _else_after_exit(stmt)) is not None:
        rw.note("else_after_exit")
        return flat
    if rw.on("ternary") and (one := ternary(stmt)) is not None:
        rw.note("ternary")
        return [one]
    return [stmt]


def _pairs(stmts: list[cst.BaseStatement], rw: Rewrite) -> list[cst.BaseStatement]:
    """Rewrites of a statement together with the next one."""
    out: list[cst.BaseStatement] = []
    i = 0
    while i < len(stmts):
        stmt, after = stmts[i], stmts[i + 1] if i + 1 < len(stmts) else None
        if rw.on("bool_return") and isinstance(stmt, cst.If) and (found := _bool_return(stmt, after)):
            rw.note("bool_return")
            out.append(found[0])
            i += 2 if found[1] else 1
            continue
        if rw.on("comprehension") and after is not None and not rw.in_try:
            built = comprehension(stmt, after, rw.function)
            if built is not None:
                rw.note("comprehension")
                out.append(built)
                i += 2
                continue
        out.append(stmt)
        i += 1
    return out


def _block(stmts: Sequence[cst.BaseStatement], rw: Rewrite, tail: str | None) -> list[cst.BaseStatement]:
    last = len(stmts) - 1
    out: list[cst.BaseStatement] = []
    for i, stmt in enumerate(stmts):
        inner_tail = tail if i == last and isinstance(stmt, cst.If) else None
        out += _at(_compound(stmt, rw, inner_tail), rw)
    out = _pairs(out, rw)
    if rw.on("guard_clause") and (inverted := _invert(out)) is not None:
        rw.note("guard_clause")
        out = inverted
    if tail is not None and rw.on("guard_clause") and out and isinstance(out[-1], cst.If):
        guarded = _guard(out[-1], cst.Return if tail == "function" else cst.Continue)
        if guarded is not None:
            rw.note("guard_clause")
            out = out[:-1] + guarded
    return out


def rewrite_function(text: str, qualname: str, enabled: Sequence[str] = CODEMODS) -> tuple[str, dict[str, int]]:
    """``text`` with the codemods applied to ``qualname`` until nothing changes, and how often each applied.

    ``ValueError`` when the function is not there; a rewrite that would drop a comment or not compile is not made.
    """
    module = cst.parse_module(text)
    applied: dict[str, int] = {}
    for _ in range(6):
        node = find_def(module, qualname)
        if node is None:
            raise ValueError(f"no function {qualname!r} at module or class level")
        body = block(node.body)
        if body is None:
            break
        rw = Rewrite(tuple(enabled), node)
        new = node.with_changes(body=with_block(node.body, _block(body, rw, "function")))
        if not rw.applied:
            break
        candidate = replace_def(module, node, new)
        if comments(candidate.code) != comments(module.code):
            break
        compile(candidate.code, "<refactor>", "exec")
        module = candidate
        for name, n in rw.applied.items():
            applied[name] = applied.get(name, 0) + n
    return module.code, applied
