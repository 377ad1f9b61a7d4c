"""Edits read the way they were built: brackets by precedence, checked on thousands of random expressions."""

from __future__ import annotations

import random

import libcst as cst

from agentfleet.flow.fixers.repair.precedence import parenthesize
from agentfleet.flow.fixers.repair.source import Edit, Site, SourceFile
from agentfleet.flow.fixers.repair.templates import edits_at

BINARY = [
    cst.Add,
    cst.Subtract,
    cst.Multiply,
    cst.Divide,
    cst.FloorDivide,
    cst.Modulo,
    cst.Power,
    cst.BitOr,
    cst.BitAnd,
    cst.BitXor,
    cst.LeftShift,
    cst.RightShift,
]
UNARY = [cst.Minus, cst.Plus, cst.BitInvert, cst.Not]
COMPARE = [cst.LessThan, cst.LessThanEqual, cst.Equal, cst.NotEqual, cst.In, cst.Is]


def _leaf(rng: random.Random) -> cst.BaseExpression:
    return cst.Name(rng.choice("abcxy")) if rng.random() < 0.7 else cst.Integer(str(rng.randint(0, 9)))


def _node(rng: random.Random, depth: int) -> cst.BaseExpression:
    """A random expression tree, built without any bracket."""
    if depth == 0 or rng.random() < 0.2:
        return _leaf(rng)
    kind, sub = rng.randrange(8), depth - 1
    if kind == 0:
        return cst.BooleanOperation(_node(rng, sub), rng.choice([cst.And, cst.Or])(), _node(rng, sub))
    if kind == 1:
        return cst.UnaryOperation(rng.choice(UNARY)(), _node(rng, sub))
    if kind == 2:
        targets = [cst.ComparisonTarget(rng.choice(COMPARE)(), _node(rng, sub)) for _ in range(rng.randint(1, 2))]
        return cst.Comparison(_node(rng, sub), targets)
    if kind == 3:
        return cst.IfExp(test=_node(rng, sub), body=_node(rng, sub), orelse=_node(rng, sub))
    if kind == 4:
        return cst.Call(_node(rng, sub), [cst.Arg(_node(rng, sub))])
    if kind == 5:
        return cst.Attribute(_node(rng, sub), cst.Name("real"))
    if kind == 6:
        return cst.Subscript(_node(rng, sub), [cst.SubscriptElement(cst.Index(_node(rng, sub)))])
    return cst.BinaryOperation(_node(rng, sub), rng.choice(BINARY)(), _node(rng, sub))


def _shape(node: cst.CSTNode, swap: dict[cst.CSTNode, cst.CSTNode] | None = None) -> tuple:
    """What an expression means, brackets and spacing aside (``swap`` replaces nodes first)."""
    node = (swap or {}).get(node, node)

    def s(child: cst.CSTNode) -> tuple:
        return _shape(child, swap)

    if isinstance(node, cst.Name | cst.Integer):
        return (type(node).__name__, node.value)
    if isinstance(node, cst.BinaryOperation | cst.BooleanOperation):
        return ("op", type(node.operator).__name__, s(node.left), s(node.right))
    if isinstance(node, cst.UnaryOperation):
        return ("unary", type(node.operator).__name__, s(node.expression))
    if isinstance(node, cst.Comparison):
        return ("cmp", s(node.left), tuple((type(t.operator).__name__, s(t.comparator)) for t in node.comparisons))
    if isinstance(node, cst.IfExp):
        return ("if", s(node.test), s(node.body), s(node.orelse))
    if isinstance(node, cst.Call):
        return ("call", s(node.func), tuple(s(a.value) for a in node.args))
    if isinstance(node, cst.Attribute):
        return ("attr", s(node.value), node.attr.value)
    if isinstance(node, cst.Subscript):
        index = node.slice[0].slice
        assert isinstance(index, cst.Index)
        return ("sub", s(node.value), s(index.value))
    raise AssertionError(f"unexpected node {type(node).__name__}")


def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


def test_plus_one_inside_a_tighter_operator_keeps_its_brackets() -> None:
    src = SourceFile("a.py", "def f(a, b):\n    return a * len(b)\n")
    outcomes = {src.apply(edit).splitlines()[1].strip() for edit in edits_at(Site(src, 2))}
    assert "return a * (len(b) + 1)" in outcomes
    assert "return a * len(b) + 1" not in outcomes


def test_random_built_expressions_read_back_as_built() -> None:
    rng = random.Random(18)
    for _ in range(1500):
        built = _node(rng, 4)
        code = _code(parenthesize(built))
        assert _shape(cst.parse_expression(code)) == _shape(built), code


def _replaceable(expression: cst.BaseExpression) -> list[cst.BaseExpression]:
    """Every sub-expression but attribute names."""
    found: list[cst.BaseExpression] = []

    class _Collect(cst.CSTVisitor):
        def on_visit(self, node: cst.CSTNode) -> bool:
            if isinstance(node, cst.BaseExpression):
                found.append(node)
            if isinstance(node, cst.Attribute):
                node.value.visit(self)
                return False
            return True

    expression.visit(_Collect())
    return found


def _value(module: cst.Module) -> cst.BaseExpression:
    statement = module.body[0]
    assert isinstance(statement, cst.SimpleStatementLine)
    assign = statement.body[0]
    assert isinstance(assign, cst.Assign)
    return assign.value


def test_a_random_replacement_anywhere_reads_back_as_built() -> None:
    rng = random.Random(6)
    for _ in range(400):
        # Given a random valid expression, one of its sub-expressions and a random bracket-free replacement
        src = SourceFile("e.py", f"x = {_code(parenthesize(_node(rng, 3)))}\n")
        old = rng.choice(_replaceable(_value(src.module)))
        new = _node(rng, 2)
        # When the edit is applied, Then the file reads as the tree with that node replaced
        expected = _shape(_value(src.module), {old: new})
        text = src.apply(Edit(old, new, "random"))
        assert _shape(_value(cst.parse_module(text))) == expected, text
