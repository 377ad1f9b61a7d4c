"""Parsing helpers shared by the analyses: parse with a clear error, walk nodes with their scope."""

from __future__ import annotations

import ast
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator
from typing import TypeVar

__all__ = [
    "always_exits",
    "branch_operands",
    "dotted_name",
    "import_aliases",
    "introduced",
    "is_literal",
    "literal_value",
    "parse",
    "parse_each",
    "scoped_nodes",
    "statement_blocks",
]

T = TypeVar("T")

_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def parse(source: str, path: str) -> ast.Module:
    """The module's AST; ``ValueError`` naming ``path`` and the line when it is not valid Python."""
    try:
        return ast.parse(source, filename=path)
    except SyntaxError as exc:
        raise ValueError(f"{path}: not valid Python (line {exc.lineno}): {exc.msg}") from None


def parse_each(sources: Iterable[str]) -> Iterator[ast.Module]:
    """The AST of every source that parses (the others are skipped: collecting hints is best effort)."""
    for source in sources:
        try:
            yield ast.parse(source)
        except SyntaxError:
            continue


def scoped_nodes(tree: ast.AST, scope: str = "") -> Iterator[tuple[ast.AST, str]]:
    """Every node under ``tree`` with the dotted name of the function or class that encloses it."""
    for child in ast.iter_child_nodes(tree):
        yield child, scope
        inner = f"{scope}.{child.name}".lstrip(".") if isinstance(child, _SCOPES) else scope
        yield from scoped_nodes(child, inner)


_NO_VALUE = object()


def literal_value(node: ast.AST) -> object:
    """The constant ``node`` stands for (``-3`` included), or a private sentinel when it is not one."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant):
        value = node.operand.value
        if isinstance(value, int | float | complex) and not isinstance(value, bool):
            return -value
    return _NO_VALUE


def is_literal(node: ast.AST) -> bool:
    """``node`` is a constant (or a negated number)."""
    return literal_value(node) is not _NO_VALUE


def introduced(before: Iterable[Hashable], after: Iterable[tuple[Hashable, T]]) -> list[T]:
    """Items of ``after`` whose key is not matched by a key of ``before`` (each key matches once)."""
    old = Counter(before)
    new = []
    for key, item in after:
        if old[key] > 0:
            old[key] -= 1
        else:
            new.append(item)
    return new


def always_exits(body: list[ast.stmt]) -> bool:
    """Every path through ``body`` ends in ``return`` or ``raise`` (it never falls off its end): an ``if`` on both
    branches, a ``with``'s body, a ``try`` whose body (or ``else``) and every handler do, a ``while True`` that no
    ``break`` of its own leaves."""
    if not body:
        return False
    last = body[-1]
    if isinstance(last, ast.Return | ast.Raise):
        return True
    if isinstance(last, ast.If):
        return always_exits(last.body) and always_exits(last.orelse)
    if isinstance(last, ast.With | ast.AsyncWith):
        return always_exits(last.body)
    if isinstance(last, ast.Try):
        return (always_exits(last.body) or always_exits(last.orelse)) and all(
            always_exits(h.body) for h in last.handlers
        )
    if not (isinstance(last, ast.While) and isinstance(last.test, ast.Constant) and last.test.value):
        return False
    return not any(isinstance(n, ast.Break) for n in _own_statements(last.body))


def _own_statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements of ``body`` and of its blocks, not entering loops or nested scopes (whose ``break`` is theirs)."""
    for stmt in body:
        yield stmt
        if not isinstance(stmt, (ast.For, ast.AsyncFor, ast.While, *_SCOPES)):
            for block in statement_blocks(stmt):
                yield from _own_statements(block)


def statement_blocks(node: ast.AST) -> Iterator[list[ast.stmt]]:
    """The statement lists directly inside ``node``: bodies, ``else``/``finally`` blocks, handlers and cases."""
    for name in ("body", "orelse", "finalbody"):
        stmts = getattr(node, name, None)
        if isinstance(stmts, list) and stmts and isinstance(stmts[0], ast.stmt):
            yield stmts
    for child in getattr(node, "handlers", []) + getattr(node, "cases", []):
        yield child.body


def import_aliases(tree: ast.Module) -> dict[str, str]:
    """Local name → the dotted name it stands for, from the module's imports."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                names[alias.asname or alias.name.split(".")[0]] = (
                    alias.name if alias.asname else alias.name.split(".")[0]
                )
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return names


def dotted_name(node: ast.AST, aliases: dict[str, str]) -> str:
    """``a.b.c`` with ``a`` resolved through the imports; ``""`` when it is not a plain dotted name."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return ""
    return ".".join([aliases.get(node.id, node.id), *reversed(parts)])


def branch_operands(tree: ast.AST) -> list[ast.expr]:
    """What decides each branch (``if``/``while``/ternary/``assert``): its test, or each operand of the test's
    ``and``/``or``/``not``."""
    branches = (ast.If, ast.IfExp, ast.While, ast.Assert)
    tests: list[ast.expr] = [n.test for n in ast.walk(tree) if isinstance(n, branches)]
    parts: list[ast.expr] = []
    while tests:
        test = tests.pop()
        if isinstance(test, ast.BoolOp):
            tests += test.values
        elif isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
            tests.append(test.operand)
        else:
            parts.append(test)
    return parts
