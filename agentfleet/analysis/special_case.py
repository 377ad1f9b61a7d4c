"""Special-casing: code that compares an input against a literal the tests use.

``if n == 42: return 7`` makes a test with input 42 pass without fixing anything. Trivial values
(``None``, booleans, ``0``, ``1``, ``-1``, strings of at most one character, empty bytes) are natural
boundaries and never count, nor do the names Python gives (``"__main__"``).

The input is recognised however the comparison spells it: ``42.0``, ``6 * 7`` (constant arithmetic is
folded), ``"42"`` (a number as text, or text that is a number), the MD5/SHA-1/SHA-256 hex digest of its
text, as a numeric key of a lookup table (``{42: 7}``) or of a store into one (``table[42] = 7``); text
keys are field names (``{"status": …}``), not inputs.
"""

from __future__ import annotations

import ast
import hashlib
import operator
from collections import Counter
from collections.abc import Callable, Iterable

from agentfleet.analysis._syntax import introduced, is_literal, literal_value, parse, parse_each, scoped_nodes
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
    if isinstance(value, str | bytes) and (len(value) <= 1 or _python_name(value)):
        return None
    if isinstance(value, int | float | complex | str | bytes):
        return (type(value).__name__, value)
    return None


def _python_name(value: str | bytes) -> bool:
    """A name Python itself gives (``"__main__"``, ``"__init__"``): ``__name__ == "__main__"`` guards a script."""
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    return len(text) > 4 and text.startswith("__") and text.endswith("__") and text[2:-2].isidentifier()


def literals_in_tests(sources: Iterable[str]) -> frozenset[Literal]:
    """The non-trivial literals in test ``sources`` (a source that does not parse is skipped)."""
    found: set[Literal] = set()
    for tree in parse_each(sources):
        for node in ast.walk(tree):
            key = _key(literal_value(node))
            if key is not None:
                found.add(key)
    return frozenset(found)


_FOLD: dict[type, Callable[[object, object], object]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.FloorDiv: operator.floordiv,
    ast.Div: operator.truediv, ast.Mod: operator.mod,
}  # fmt: skip


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and abs(value) < 1e15


def _folded(node: ast.AST) -> object:
    """The constant ``node`` computes: a literal, or arithmetic on numeric literals (``6 * 10``)."""
    if is_literal(node):
        return literal_value(node)
    if isinstance(node, ast.BinOp) and type(node.op) in _FOLD:
        left, right = _folded(node.left), _folded(node.right)
        if _number(left) and _number(right):
            try:
                return _FOLD[type(node.op)](left, right)
            except ArithmeticError:
                return None
    return None


def _spellings(value: object) -> set[Literal]:
    """The keys ``value`` may stand for: a number as int, float and text; text that reads as a number."""
    if isinstance(value, str):
        try:
            number: object = float(value)
        except ValueError:
            number = None
        return {k for k in (_key(value), *(_spellings(number) if number is not None else ())) if k}
    if not _number(value):
        key = _key(value)
        return {key} if key else set()
    as_float = float(value)  # type: ignore[arg-type]
    forms: list[object] = [as_float, str(value)] + ([int(as_float)] if as_float.is_integer() else [])
    return {k for k in (_key(form) for form in forms) if k}


def _digests(literals: frozenset[Literal]) -> set[str]:
    text = [str(value).encode() for _, value in literals]
    return {hashlib.new(name, data).hexdigest() for name in ("md5", "sha1", "sha256") for data in text}


def _compared(node: ast.AST) -> list[ast.expr]:
    if isinstance(node, ast.Compare) and any(isinstance(op, _EQUALITY) for op in node.ops):
        operands = [node.left, *node.comparators]
        return [e for o in operands for e in (o.elts if isinstance(o, ast.Tuple | ast.List | ast.Set) else [o])]
    if isinstance(node, ast.MatchValue):
        return [node.value]
    if isinstance(node, ast.Dict):  # a lookup table keyed by numbers (text keys are field names)
        return [key for key in node.keys if key is not None and _number(_folded(key))]
    if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store) and _number(_folded(node.slice)):
        return [node.slice]
    return []


def _hits(source: str, path: str, literals: frozenset[Literal]) -> list[tuple[tuple[str, str], Violation]]:
    hits = []
    digests: set[str] | None = None
    for node, scope in scoped_nodes(parse(source, path)):
        for operand in _compared(node):
            value = _folded(operand)
            hit = bool(_spellings(value) & literals)
            if not hit and isinstance(value, str) and len(value) in (32, 40, 64):
                digests = _digests(literals) if digests is None else digests
                hit = value.lower() in digests
            if hit:
                text = f"case {ast.unparse(operand)}" if isinstance(node, ast.MatchValue) else ast.unparse(node)[:80]
                message = f"`{text}` special-cases the test input {ast.unparse(operand)}"
                violation = Violation(RULE, path, getattr(node, "lineno", 0), message + (f" in {scope}" * bool(scope)))
                hits.append(((scope, text), violation))
    return hits


def special_cases(
    before: str | None, after: str, literals: frozenset[Literal], path: str = "<source>"
) -> list[Violation]:
    """Comparisons with a test literal that ``after`` adds to ``before`` (``None``: a new file). One the patch
    moved to another function (the same comparison, gone from where it was: an extracted helper) is not added."""
    old = [key for key, _ in _hits(before, path, literals)] if before is not None else []
    new = _hits(after, path, literals)
    unmatched = introduced(old, [(key, (key, violation)) for key, violation in new])
    gone = Counter(old) - Counter(key for key, _ in new)
    return introduced((text for _, text in gone.elements()), [(key[1], violation) for key, violation in unmatched])
