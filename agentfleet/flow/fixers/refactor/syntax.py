"""libcst helpers the codemods share: a function found by qualified name, statement blocks, negation, names."""

from __future__ import annotations

import io
import tokenize
from collections import Counter
from collections.abc import Iterator, Sequence

import libcst as cst

__all__ = [
    "block",
    "comments",
    "find_def",
    "loose",
    "names_in",
    "negate",
    "replace_def",
    "small",
    "terminates",
    "with_block",
]

_TERMINATORS = (cst.Return, cst.Raise, cst.Continue, cst.Break)
_LOOSE = (cst.BooleanOperation, cst.IfExp, cst.Lambda, cst.NamedExpr)
_INVERSE = {cst.Is: cst.IsNot, cst.IsNot: cst.Is, cst.In: cst.NotIn, cst.NotIn: cst.In}


def _members(body: Sequence[cst.BaseStatement], name: str) -> Iterator[cst.FunctionDef | cst.ClassDef]:
    for node in body:
        if isinstance(node, cst.FunctionDef | cst.ClassDef) and node.name.value == name:
            yield node


def find_def(module: cst.Module, qualname: str) -> cst.FunctionDef | None:
    """The function ``qualname`` (``f`` or ``Class.f``) at module or class level: the last definition of each
    name, the one Python binds (earlier ones are ``@overload`` stubs or replaced)."""
    body: Sequence[cst.BaseStatement] = module.body
    node: cst.FunctionDef | cst.ClassDef | None = None
    for part in qualname.split("."):
        node = next(reversed(list(_members(body, part))), None)
        if node is None:
            return None
        inner = node.body
        body = inner.body if isinstance(inner, cst.IndentedBlock) else []  # type: ignore[assignment]
    return node if isinstance(node, cst.FunctionDef) else None


def replace_def(module: cst.Module, old: cst.FunctionDef, new: cst.FunctionDef) -> cst.Module:
    """``module`` with ``old`` (a node of it) replaced by ``new``."""
    replaced = module.deep_replace(old, new)
    assert isinstance(replaced, cst.Module)
    return replaced


def block(node: cst.BaseSuite) -> list[cst.BaseStatement] | None:
    """The statements of an indented block (``None`` for a one-line suite, which codemods leave alone)."""
    return list(node.body) if isinstance(node, cst.IndentedBlock) else None


def with_block(node: cst.BaseSuite, stmts: Sequence[cst.BaseStatement]) -> cst.BaseSuite:
    """``node`` (an indented block) holding ``stmts``."""
    assert isinstance(node, cst.IndentedBlock)
    return node.with_changes(body=list(stmts))


def small(stmt: cst.BaseStatement) -> cst.BaseSmallStatement | None:
    """The one small statement of a simple statement line (``None`` otherwise)."""
    if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1:
        return stmt.body[0]
    return None


def terminates(stmts: Sequence[cst.BaseStatement]) -> bool:
    """Control never leaves ``stmts`` at its end: it returns, raises, continues or breaks on every path."""
    if not stmts:
        return False
    last = stmts[-1]
    if isinstance(last, cst.SimpleStatementLine):
        return isinstance(last.body[-1], _TERMINATORS)
    if isinstance(last, cst.If) and last.orelse is not None:
        body = block(last.body)
        other = [last.orelse] if isinstance(last.orelse, cst.If) else block(last.orelse.body)
        return body is not None and other is not None and terminates(body) and terminates(other)
    return False


def _parenthesized(expr: cst.BaseExpression) -> cst.BaseExpression:
    if expr.lpar:
        return expr
    return expr.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


def negate(expr: cst.BaseExpression) -> cst.BaseExpression:
    """``not expr``, exactly: ``not x`` → ``x``, ``is``/``in`` flipped, anything else wrapped in ``not``."""
    if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Not) and not expr.lpar:
        return expr.expression
    if isinstance(expr, cst.Comparison) and len(expr.comparisons) == 1 and not expr.lpar:
        target = expr.comparisons[0]
        flipped = _INVERSE.get(type(target.operator))
        if flipped is not None:
            return expr.with_changes(comparisons=[target.with_changes(operator=flipped())])
    operand = _parenthesized(expr) if isinstance(expr, _LOOSE) else expr
    return cst.UnaryOperation(operator=cst.Not(), expression=operand)


def loose(expr: cst.BaseExpression) -> cst.BaseExpression:
    """``expr`` in parentheses when it would bind looser than ``and``."""
    if isinstance(expr, cst.BooleanOperation) and isinstance(expr.operator, cst.Or):
        return _parenthesized(expr)
    return _parenthesized(expr) if isinstance(expr, _LOOSE[1:]) else expr


def names_in(node: cst.CSTNode) -> Counter[str]:
    """How often each identifier occurs in ``node`` (every ``Name``, whatever its role)."""
    found: Counter[str] = Counter()

    class _Names(cst.CSTVisitor):
        def visit_Name(self, name: cst.Name) -> None:
            found[name.value] += 1

    node.visit(_Names())
    return found


def comments(code: str) -> Counter[str]:
    """The comments of ``code`` (a codemod that would drop one is not applied)."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(code).readline))
    except (tokenize.TokenError, SyntaxError):
        return Counter()
    return Counter(t.string.strip() for t in tokens if t.type == tokenize.COMMENT)
