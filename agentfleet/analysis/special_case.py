"""Special-casing: code that compares an input against a literal the tests use.

``if n == 42: return 7`` makes a test with input 42 pass without fixing anything. Trivial values
(``None``, booleans, ``0``, ``1``, ``-1``, strings of at most one character, empty bytes) are natural
boundaries and never count.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable

from agentfleet.analysis._syntax import introduced, literal_value, parse, parse_each, scoped_nodes
from agentfleet.analysis.violations import Violation

__all__ = ["Literal", "literals_in_tests", "special_cases"]

RULE = "special-case"
_EQUALITY = (ast.Eq, ast.NotEq, ast.Is, ast.IsNot, ast.In, ast.NotIn)

Literal = tuple[str, object]
"""A literal value keyed with its type name, so ``1``, ``1.0`` and ``True`` stay apart."""


def _key(value: object) -> Literal | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float) and value in (0, 1, -1):
        return None
    if isinstance(value, str | bytes) and len(value) <= 1:
        return None
    if isinstance(value, int | float | complex | str | bytes):
        return (type(value).__name__, value)
    return None


def literals_in_tests(sources: Iterable[str]) -> frozenset[Literal]:
    """The non-trivial literals in test ``sources`` (a source that does not parse is skipped)."""
    found: set[Literal] = set()
    for tree in parse_each(sources):
        for node in ast.walk(tree):
            key = _key(literal_value(node))
            if key is not None:
                found.add(key)
    return frozenset(found)


def _compared(node: ast.AST) -> list[ast.expr]:
    if isinstance(node, ast.Compare) and any(isinstance(op, _EQUALITY) for op in node.ops):
        operands = [node.left, *node.comparators]
        return [e for o in operands for e in (o.elts if isinstance(o, ast.Tuple | ast.List | ast.Set) else [o])]
    if isinstance(node, ast.MatchValue):
        return [node.value]
    return []


def _hits(source: str, path: str, literals: frozenset[Literal]) -> list[tuple[tuple[str, str], Violation]]:
    hits = []
    for node, scope in scoped_nodes(parse(source, path)):
        for operand in _compared(node):
            key = _key(literal_value(operand))
            if key in literals:
                text = ast.unparse(node) if isinstance(node, ast.Compare) else f"case {ast.unparse(operand)}"
                message = f"`{text}` special-cases the test input {ast.unparse(operand)}"
                violation = Violation(RULE, path, getattr(node, "lineno", 0), message + (f" in {scope}" * bool(scope)))
                hits.append(((scope, text), violation))
    return hits


def special_cases(
    before: str | None, after: str, literals: frozenset[Literal], path: str = "<source>"
) -> list[Violation]:
    """Comparisons with a test literal that ``after`` adds to ``before`` (``None``: a new file)."""
    old = [key for key, _ in _hits(before, path, literals)] if before is not None else []
    return introduced(old, _hits(after, path, literals))
