"""``if c: x = a`` / ``else: x = b`` → ``x = a if c else b`` (ruff's SIM108, whose own fix ruff calls unsafe).

Both evaluate ``c``, then ``a`` or ``b``, then bind ``x``: the same steps in the same order. It is made only for
one plain name assigned alone in each branch of an ``if``/``else`` (no ``elif``), with no comment anywhere in the
statement (it would be lost), and when the new statement is at most ``_MAX_LENGTH`` characters (its indent aside).
"""

from __future__ import annotations

import libcst as cst
import libcst.matchers as m

from agentfleet.flow.fixers.refactor.syntax import block, small

__all__ = ["ternary"]

_MAX_LENGTH = 88
_LOOSER = (cst.Tuple, cst.IfExp, cst.Lambda, cst.Yield, cst.NamedExpr)
"""Expressions that bind looser than a conditional expression's parts: written bare they would change it."""


def _part(expr: cst.BaseExpression) -> cst.BaseExpression:
    if isinstance(expr, _LOOSER) and not expr.lpar:
        return expr.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    return expr


def _assigned(body: cst.BaseSuite) -> tuple[str, cst.BaseExpression] | None:
    stmts = block(body)
    node = small(stmts[0]) if stmts and len(stmts) == 1 else None
    if not (isinstance(node, cst.Assign) and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name)):
        return None
    return node.targets[0].target.value, node.value


def ternary(stmt: cst.BaseStatement) -> cst.BaseStatement | None:
    """The one assignment an ``if``/``else`` statement amounts to, or ``None``."""
    if not isinstance(stmt, cst.If) or not isinstance(stmt.orelse, cst.Else) or m.findall(stmt, m.Comment()):
        return None
    yes, no = _assigned(stmt.body), _assigned(stmt.orelse.body)
    if yes is None or no is None or yes[0] != no[0]:
        return None
    value = cst.IfExp(test=_part(stmt.test), body=_part(yes[1]), orelse=_part(no[1]))
    line = cst.SimpleStatementLine([cst.Assign(targets=[cst.AssignTarget(cst.Name(yes[0]))], value=value)])
    if len(cst.Module([]).code_for_node(line).rstrip("\n")) > _MAX_LENGTH:
        return None
    return line.with_changes(leading_lines=stmt.leading_lines)
