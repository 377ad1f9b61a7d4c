"""Argument values for planned calls: a pool of values worth passing (the function's constants and their
neighbours, the tests' literals taken in turn by type), and the argument lists that spread them over a
function's parameters (pairs of the first two, each parameter alone, optional ones off their defaults, and
combinations of the values each parameter is compared with)."""

from __future__ import annotations

import ast
import functools
import itertools
from itertools import zip_longest

from agentfleet.analysis import parse_each

__all__ = ["displays", "fits", "optional", "product", "value_pool", "with_pool"]

_POOL = 40
_PER_PARAM = 10
_PAIRS = 6
_TYPES = {"int": int, "float": float, "str": str, "bool": bool, "list": list, "dict": dict, "tuple": tuple, "set": set}
_PROTOCOLS = {"SupportsInt": "int", "SupportsIndex": "int", "Integral": "int", "SupportsFloat": "float"}
_PROTOCOLS |= {"Real": "float", "Number": "float", "Text": "str", "Sequence": "list", "Mapping": "dict"}
"""Annotation names (typing protocols, ``numbers`` classes, ``typing`` aliases) → the builtin type written."""
_MAX_DISPLAY = 200
"""Longest container literal (characters of source) taken from the tests."""
_PRODUCT = 64
"""Most argument lists that combine every parameter's own values (functions of three or more parameters)."""
_PER_PRODUCT = 4
_SAMPLES: dict[str, list[object]] = {
    "bool": [True, False],
    "int": [1],
    "float": [0.5],
    "complex": [1j],
    "str": ["x"],
    "bytes": [b"x"],
    "list": [[1]],
    "tuple": [(1,)],
    "dict": [{"a": 1}],
    "set": [{1}],
    "frozenset": [frozenset({1})],
    "Number": [1, 0.5],
    "Integral": [1],
    "Real": [0.5],
}
"""A value of each type a function checks its arguments against (``isinstance(x, bool)``, ``type(x) is dict``)."""
_GAP = object()
"""Filler of a type that has run out of values (``None`` is a value)."""


def _constants(func: ast.AST) -> list[object]:
    found: list[object] = []
    for node in ast.walk(func):
        if (
            isinstance(node, ast.Constant)
            and type(node.value) in (int, float, str)
            and not isinstance(node.value, bool)
        ):
            value = node.value
            extra = [value - 1, value + 1] if isinstance(value, int | float) else []
            found += [value, *extra]
    words = [v for v in found if not (isinstance(v, str) and (len(v) > 50 or " " in v))]  # messages are no inputs
    return list(dict.fromkeys(words))[:30]


def _checked_types(func: ast.AST) -> list[object]:
    """Values of the types ``isinstance`` calls and ``type(x) is T`` comparisons in ``func`` test for: a branch
    on a value's type is taken only by a value of that type."""
    kinds: list[ast.expr] = []
    for node in ast.walk(func):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and len(node.args) == 2:
            if node.func.id == "isinstance":
                kinds += node.args[1].elts if isinstance(node.args[1], ast.Tuple) else [node.args[1]]
        elif isinstance(node, ast.Compare) and isinstance(node.left, ast.Call) and isinstance(node.left.func, ast.Name):
            kinds += node.comparators if node.left.func.id == "type" else []
    names = [k.attr if isinstance(k, ast.Attribute) else k.id if isinstance(k, ast.Name) else "" for k in kinds]
    return [value for name in dict.fromkeys(names) for value in _SAMPLES.get(name, [])]


def _name(node: ast.expr) -> str:
    return node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""


def _kinds(node: ast.expr) -> frozenset[type] | None:
    """The types an annotation admits (``None``: any): ``Optional``/``Union``/``|`` spread, ``List[int]`` is a
    list, the numeric protocols (``SupportsInt``, ``Real``) their builtin numbers; a class of the repo: none."""
    if isinstance(node, ast.Constant):  # None, or a forward reference written as a string
        return frozenset({type(None)}) if node.value is None else _admitted(str(node.value))
    parts: list[ast.expr] = []
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        parts = [node.left, node.right]
    elif isinstance(node, ast.Subscript) and _name(node.value) in {"Optional", "Union", "Annotated"}:
        inner = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        parts = inner[:1] if _name(node.value) == "Annotated" else inner
        parts += [ast.Constant(None)] if _name(node.value) == "Optional" else []
    if parts:
        found = [_kinds(p) for p in parts]
        return None if None in found else frozenset().union(*found)  # type: ignore[arg-type]
    name = _name(node.value if isinstance(node, ast.Subscript) else node)
    if name in {"Any", "object"}:
        return None
    kind = _TYPES.get(_PROTOCOLS.get(name, name).lower())
    return frozenset({kind}) if kind is not None else frozenset()


@functools.lru_cache(maxsize=512)
def _admitted(annotation: str) -> frozenset[type] | None:
    try:
        return _kinds(ast.parse(annotation, mode="eval").body)
    except (SyntaxError, ValueError):  # an annotation that is no expression admits nothing we can write
        return frozenset()


def fits(value: object, annotation: str | None) -> bool:
    """``value`` may be passed to a parameter annotated ``annotation`` (no annotation: anything)."""
    kinds = None if annotation is None else _admitted(annotation)
    return kinds is None or type(value) in kinds or (float in kinds and type(value) is int)


def displays(sources: list[str]) -> list[object]:
    """Container literals in the tests (``{"a": ["1"]}``, ``[(1, 3), (2, 6)]``): inputs for collection parameters."""
    found: dict[str, object] = {}
    for tree in parse_each(sources):
        for node in ast.walk(tree):
            if isinstance(node, ast.List | ast.Dict | ast.Tuple | ast.Set) and (node.end_col_offset or 0) > 0:
                text = ast.unparse(node)
                if 2 < len(text) <= _MAX_DISPLAY and text not in found:
                    try:
                        found[text] = ast.literal_eval(node)
                    except ValueError:
                        continue
    return list(found.values())[:20]


def value_pool(func: ast.AST, literals: list[object]) -> list[object]:
    """Values worth passing: the function's own constants (and their neighbours), then the tests' literals,
    taken in turn from each type (a suite's hundreds of numbers and strings do not crowd out its few lists)."""
    by_type: dict[type, dict[str, object]] = {}
    for value in [*_constants(func), *_checked_types(func), *literals]:
        by_type.setdefault(type(value), {}).setdefault(repr(value), value)  # containers are unhashable: by repr
    turns = zip_longest(*(list(values.values()) for values in by_type.values()), fillvalue=_GAP)
    return [value for turn in turns for value in turn if value is not _GAP][:_POOL]


def with_pool(params: list[tuple[str, str | None]], base: list[list[str]], pool: list[object]) -> list[list[str]]:
    """Argument lists that put pool values in pairs of the first two parameters, then in each one they fit."""
    if not params or not base:
        return []
    fitting = [[v for v in pool if fits(v, annotation)][:_PER_PARAM] for _, annotation in params]
    found = []
    if len(params) >= 2:
        found += [[repr(a), repr(b), *base[0][2:]] for a in fitting[0][:_PAIRS] for b in fitting[1][:_PAIRS]]
    for i, values in enumerate(fitting):
        found += [[*base[0][:i], repr(v), *base[0][i + 1 :]] for v in values]
    return found


def _other_values(default: ast.expr) -> list[object]:
    """Values other than a parameter's default that take the paths the default does not."""
    try:
        value = ast.literal_eval(default)
    except ValueError:
        return []
    if isinstance(value, bool):
        return [not value]
    if isinstance(value, int | float):
        return [value + 1, 0, -1] if value else [1, -1]
    if isinstance(value, str):
        return ["x", ""] if value else ["x"]
    return [0, "", True] if value is None else []


def optional(func: ast.AST, bases: list[list[str]], pool: list[object]) -> list[list[str]]:
    """Argument lists that also pass optional positional parameters a value other than their default: the
    constants the function compares it with (``renderer == "ast"``), the opposite flag, a neighbour of the number,
    ``None`` where it is checked, a pool value of the parameter's type."""
    if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef) or not bases:
        return []
    args, found = func.args, []
    positional = [*args.posonlyargs, *args.args]
    optional = positional[len(positional) - len(args.defaults) :]
    defaults = [ast.unparse(d) for d in args.defaults]
    for i, (param, default) in enumerate(zip(optional, args.defaults, strict=True)):
        annotation = ast.unparse(param.annotation) if param.annotation else None
        typed = [v for v in pool if fits(v, annotation)][:4] if annotation else []
        nothing = [None] if fits(None, annotation) and _none_checked(func, param.arg) else []
        compared = [v for v in _compared(func, param.arg) if type(v) is not bool]  # its own code expects them
        values = {repr(v): v for v in [*compared, *_other_values(default), *nothing, *typed]}  # lists: no dict keys
        found += [[*first, *defaults[:i], text] for text in values for first in bases]
    return found


def _none_checked(func: ast.AST, name: str) -> bool:
    """``name`` is compared with ``None`` in ``func`` (``if token is None:``): passing ``None`` takes a branch."""
    return any(
        isinstance(node, ast.Compare)
        and any(isinstance(p, ast.Name) and p.id == name for p in [node.left, *node.comparators])
        and any(isinstance(p, ast.Constant) and p.value is None for p in [node.left, *node.comparators])
        for node in ast.walk(func)
    )


def _compared(func: ast.AST, name: str) -> list[object]:
    """Values that take ``name``'s branches: the constants it is compared with (and their neighbours), and
    ``True``/``False`` when it is a condition on its own (``if express:``)."""
    found: list[object] = []
    for node in ast.walk(func):
        if isinstance(node, ast.Compare):
            parts = [node.left, *node.comparators]
            if any(isinstance(p, ast.Name) and p.id == name for p in parts):
                for p in parts:
                    if isinstance(p, ast.Constant) and type(p.value) in (int, float, str):
                        found += [p.value, p.value + 1] if isinstance(p.value, int | float) else [p.value]
        tests = [node.test] if isinstance(node, ast.If | ast.While | ast.IfExp) else []
        tests += node.values if isinstance(node, ast.BoolOp) else []
        tests += [node.operand] if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not) else []
        if any(isinstance(t, ast.Name) and t.id == name for t in tests):
            found += [True, False]
    return list(dict.fromkeys(found))


def product(func: ast.AST, params: list[tuple[str, str | None]], base: list[list[str]]) -> list[list[str]]:
    """Argument lists combining each parameter's own values (``_compared``) with every other's: a branch nested
    under conditions on three parameters needs all three at once. A spread of at most ``_PRODUCT``."""
    if len(params) < 3 or not base or len(base[0]) != len(params):
        return []
    per = []
    for i, (name, annotation) in enumerate(params):
        own = [repr(v) for v in _compared(func, name) if fits(v, annotation)][:_PER_PRODUCT]
        per.append(list(dict.fromkeys([*own, base[0][i]])))
    combos = list(itertools.product(*per))
    step = max(1, len(combos) // _PRODUCT)
    return [list(c) for c in combos[::step][:_PRODUCT]]
