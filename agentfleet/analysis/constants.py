"""Expressions whose value cannot depend on anything the code computed: ``0.0``, ``float()``, ``Decimal("0")``,
``[]``, ``-1``, ``(0, "")``, ``math.nan``, ``True or x``.

Used to recognise handlers that return a fixed default and dunder methods that answer the same thing
whatever they are asked.
"""

from __future__ import annotations

import ast
from collections import Counter

from agentfleet.analysis._syntax import is_literal, literal_value

__all__ = ["answers_one_constant", "compared_constants", "is_constant_expr", "is_falsy_constant", "is_truthy_constant"]

_CONSTRUCTORS = frozenset(
    {"int", "float", "str", "bytes", "bool", "complex", "list", "dict", "set", "tuple", "frozenset"}
    | {"Decimal", "Fraction", "object", "type(None)"}
)
"""Callables that make a fixed value from fixed arguments."""
_NAMED = frozenset({"True", "False", "None", "NotImplemented", "Ellipsis", "nan", "inf", "pi", "e"})
"""Names and attribute tails that stand for fixed values (``math.nan``, ``float('inf')`` spelled as names)."""


def is_constant_expr(node: ast.AST) -> bool:
    """``node`` evaluates to the same value whatever the program's state (it reads no variable)."""
    if is_literal(node):
        return True
    if isinstance(node, ast.Name):
        return node.id in _NAMED
    if isinstance(node, ast.Attribute):
        return node.attr in _NAMED and isinstance(node.value, ast.Name)
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return all(is_constant_expr(elt) for elt in node.elts)
    if isinstance(node, ast.Dict):
        return all(k is not None and is_constant_expr(k) for k in node.keys) and all(
            is_constant_expr(v) for v in node.values
        )
    if isinstance(node, ast.Call):
        name = ast.unparse(node.func).rsplit(".", 1)[-1]
        arguments = [*node.args, *(k.value for k in node.keywords)]
        return name in _CONSTRUCTORS and all(is_constant_expr(a) for a in arguments)
    if isinstance(node, ast.UnaryOp):
        return is_constant_expr(node.operand)
    if isinstance(node, ast.BinOp):
        return is_constant_expr(node.left) and is_constant_expr(node.right)
    if isinstance(node, ast.BoolOp):
        return all(is_constant_expr(v) for v in node.values) or is_truthy_constant(node)
    if isinstance(node, ast.IfExp):
        return is_constant_expr(node.body) and is_constant_expr(node.orelse)
    return False


def _truth(node: ast.AST) -> bool | None:
    """The truth value of ``node`` when it is fixed, else ``None``."""
    if isinstance(node, ast.Constant):
        return bool(node.value)
    if isinstance(node, ast.Name) and node.id in ("True", "False", "None"):
        return node.id == "True"
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return bool(node.elts) if not node.elts or not any(isinstance(e, ast.Starred) for e in node.elts) else None
    if isinstance(node, ast.Dict):
        return bool(node.keys)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        inner = _truth(node.operand)
        return None if inner is None else not inner
    if isinstance(node, ast.BoolOp):
        values = [_truth(v) for v in node.values]
        if isinstance(node.op, ast.Or):
            return True if True in values else (False if all(v is False for v in values) else None)
        return False if False in values else (True if all(v is True for v in values) else None)
    if isinstance(node, ast.Call) and ast.unparse(node.func) == "isinstance" and len(node.args) == 2:
        return True if ast.unparse(node.args[1]) == "object" else None
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], ast.Eq | ast.Is):
        same = ast.dump(node.left) == ast.dump(node.comparators[0])
        return True if same and not isinstance(node.left, ast.Call) else None
    return None


def is_truthy_constant(node: ast.AST) -> bool:
    """``node`` is true whatever the program's state: ``x or True``, ``(a, "msg")``, ``not False``, ``x == x``."""
    return _truth(node) is True


def is_falsy_constant(node: ast.AST) -> bool:
    """``node`` is false whatever the program's state: ``False``, ``0``, ``None``, ``x and False``."""
    return _truth(node) is False


def compared_constants(text: str | None) -> Counter[str]:
    """The fixed values ``text``'s comparisons and ``match`` cases test against (``qty > 10``, ``c in ("FR",)``),
    each as its ``repr``: what its branches decide on. A behaviour-preserving change keeps them; one that adds a
    value decides something the code did not (``country not in ("FR", "MC")``)."""
    try:
        tree = ast.parse(text or "")
    except SyntaxError:
        return Counter()
    found: Counter[str] = Counter()
    for node in ast.walk(tree):
        operands = [node.left, *node.comparators] if isinstance(node, ast.Compare) else []
        operands += [node.value] if isinstance(node, ast.MatchValue) else []
        found.update(repr(c.value) for op in operands for c in ast.walk(op) if isinstance(c, ast.Constant))
    return found


def answers_one_constant(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Every path of the function answers one and the same constant (``return True``; ``NotImplemented`` defers to
    the other operand): a comparison whose branches answer ``False`` and ``True`` decides by its input."""
    returns = [n.value for n in ast.walk(node) if isinstance(n, ast.Return)]
    answers = [v for v in returns if not (isinstance(v, ast.Name) and v.id == "NotImplemented")]
    if not answers or not all(v is not None and (is_constant_expr(v) or is_truthy_constant(v)) for v in answers):
        return False
    return len({_answer(v) for v in answers if v is not None}) == 1


def _answer(value: ast.expr) -> object:
    """A constant answer's value (``1``, ``True`` and ``1 == 1`` alike are one answer), else its code."""
    if is_literal(value):
        return literal_value(value)
    return True if is_truthy_constant(value) else ast.dump(value)
