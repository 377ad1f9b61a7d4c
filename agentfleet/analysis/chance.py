"""Decisions left to chance: a branch taken on a random draw, or on where the process put an object in memory.

A patch whose new guard reads ``random.random() < 0.999`` or ``id(lines) % 64 < 60`` passes a test run almost
always and fails in production now and then: reruns cannot see a one-in-a-thousand failure. What counts as a draw:
``random``'s functions (also a ``Random()``'s or ``SystemRandom()``'s methods, through a name or an attribute bound to
one: ``_RNG.random()``, ``self.rng.random()``), ``secrets``, ``os.urandom``, ``uuid.uuid4``, NumPy's
``random`` — and what is derived from one alone (its attributes, items, arithmetic, a conversion, a method's
result, a local name bound to it). A draw decides when it is compared with anything but another draw, or is a
branch's test itself. ``id()`` and ``hash()`` (per-process for text and objects) count only compared with a fixed
value (``hash(key) % shards == shard`` picks a shard honestly; ``id(a) == id(b)`` and ``id(x) in seen`` ask about
identity, never chance).
"""

from __future__ import annotations

import ast

from agentfleet.analysis._syntax import branch_operands, dotted_name, import_aliases
from agentfleet.analysis.constants import is_constant_expr

__all__ = ["chance_decisions"]

_DRAWS = frozenset(
    {"random", "randint", "randrange", "getrandbits", "randbytes", "uniform", "triangular", "gauss", "choice"}
    | {"choices", "sample", "normalvariate", "lognormvariate", "expovariate", "vonmisesvariate", "gammavariate"}
    | {"betavariate", "paretovariate", "weibullvariate", "binomialvariate", "integers", "rand", "randn"}
)
"""Functions of a random module (``random``, ``numpy.random``) and methods of its generators that draw."""
_GENERATORS = frozenset({"random.Random", "random.SystemRandom", "numpy.random.default_rng"})
_SOURCES = frozenset({"os.urandom", "os.getrandom", "uuid.uuid4"})
_IDENTITY = frozenset({"id", "hash"})
_CONVERSIONS = frozenset({"int", "float", "round", "abs", "bool", "str", "len", "bin", "hex", "oct", "format"})
_IDENTITY_OPS = (ast.In, ast.NotIn, ast.Is, ast.IsNot)


class _Draws:
    """Which expressions of one module are draws (``identity``: an ``id()``/``hash()`` reading)."""

    def __init__(self, tree: ast.Module) -> None:
        self.aliases = import_aliases(tree)
        self.bound: dict[str, bool] = {}
        self.generators: set[str] = set()
        """Names and attributes (``_RNG``, ``self.rng``) bound to a generator (``random.SystemRandom()``)."""
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign | ast.AnnAssign | ast.NamedExpr) and node.value is not None:
                kind = self.kind(node.value)
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if kind is not None and isinstance(target, ast.Name):
                        self.bound[target.id] = kind
                    if self._generator(node.value) and isinstance(target, ast.Name | ast.Attribute):
                        self.generators.add(ast.unparse(target))

    def _generator(self, node: ast.expr) -> bool:
        return isinstance(node, ast.Call) and dotted_name(node.func, self.aliases) in _GENERATORS

    def kind(self, node: ast.expr) -> bool | None:
        """``None``: no draw; ``False``: a random draw; ``True``: an identity reading."""
        if isinstance(node, ast.Name):
            return self.bound.get(node.id)
        if isinstance(node, ast.Attribute | ast.Subscript):
            return self.kind(node.value)
        if isinstance(node, ast.UnaryOp):
            return self.kind(node.operand)
        if isinstance(node, ast.BinOp):
            kinds = [k for k in (self.kind(node.left), self.kind(node.right)) if k is not None]
            return min(kinds) if kinds else None
        if isinstance(node, ast.Call):
            return self._call(node)
        return None

    def _call(self, call: ast.Call) -> bool | None:
        name = dotted_name(call.func, self.aliases)
        if name in _IDENTITY and call.args:
            return True
        module, _, last = name.rpartition(".")
        if name in _SOURCES or module == "secrets" or (module in ("random", "numpy.random") and last in _DRAWS):
            return False
        func = call.func
        if isinstance(func, ast.Attribute):
            generator = self._generator(func.value) or ast.unparse(func.value) in self.generators
            if func.attr in _DRAWS and generator:
                return False
            return self.kind(func.value)  # a method of a draw: ``uuid4().hex.startswith("a")``
        if name in _CONVERSIONS and len(call.args) == 1:
            return self.kind(call.args[0])
        return None


def _decides(node: ast.Compare, draws: _Draws) -> bool:
    operands = [node.left, *node.comparators]
    kinds = [draws.kind(o) for o in operands]
    if all(k is None for k in kinds) or all(k is not None for k in kinds):
        return False
    if all(isinstance(op, _IDENTITY_OPS) for op in node.ops):
        return False
    others = [o for o, k in zip(operands, kinds, strict=True) if k is None]
    drawn = any(k is False for k in kinds)
    return drawn or any(is_constant_expr(o) for o in others)


def chance_decisions(tree: ast.Module) -> list[tuple[ast.expr, str]]:
    """Each comparison or branch test in ``tree`` that a random draw (or an identity reading compared with a fixed
    value) decides, with what it does."""
    draws = _Draws(tree)
    found: list[ast.expr] = [n for n in ast.walk(tree) if isinstance(n, ast.Compare) and _decides(n, draws)]
    found += [t for t in branch_operands(tree) if not isinstance(t, ast.Compare) and draws.kind(t) is False]
    return [(n, f"`{ast.unparse(n)[:80]}` is decided by chance: it holds in a test run, not every time") for n in found]
