"""Which calls to make on a function: arguments from the repo's own test literals and type hints.

The argument lists come from the repair engine's reproduction step (``repair.seeds.argument_lists``: what the
tests pass the function, nudged outward, then typical values per annotation), plus the constants the function
itself compares against (a branch on ``x > 100`` wants 100 and 101) and the literals anywhere in the repo's
tests (``analysis.literals_in_tests``: a version string, a file name), each in the parameters it fits. A method
is called on instances built the same way from its class's constructor. Everything is a Python literal: a call
can be written as source.
"""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import zip_longest

from agentfleet.analysis import literals_in_tests, parse_each
from agentfleet.flow.fixers.repair.seeds import Param, argument_lists

__all__ = ["Call", "is_bound", "plan_calls"]

_INITS = 3
"""Constructor argument lists tried per class."""
_POOL = 40
_PER_PARAM = 10
_PAIRS = 6
_TYPES = {"int": int, "float": float, "str": str, "bool": bool, "list": list, "dict": dict, "tuple": tuple, "set": set}
_MAX_DISPLAY = 200
"""Longest container literal (characters of source) taken from the tests."""
_Planned = tuple[list[str] | None, list[str], tuple[tuple[str, ...], ...]]
_PRODUCT = 64
"""Most argument lists that combine every parameter's own values (functions of three or more parameters)."""
_PER_PRODUCT = 4
_GAP = object()
"""Filler of a type that has run out of values (``None`` is a value)."""
_PRIOR = 8
"""Most earlier suite calls replayed on a method's instance before one of them."""
_KEYWORD = re.compile(r"[A-Za-z_]\w*=")
"""A keyword argument (``limit=10``); a literal's repr never starts like this."""


@dataclass(frozen=True)
class Call:
    """One planned call: ``init`` builds the instance for a method (``None`` for a function)."""

    id: int
    qualname: str
    args: tuple[str, ...]
    init: tuple[str, ...] | None
    is_async: bool
    prior: tuple[tuple[str, ...], ...] = ()
    """Argument lists the method is called with first, on the same instance (state it builds up)."""
    tolerant: bool = False
    """A prior call that raises is left out rather than spoiling the call (the suite's calls, replayed in order)."""

    def spec(self) -> dict[str, object]:
        """The call as the sandbox runner reads it."""
        init = None if self.init is None else list(self.init)
        return {
            "id": self.id,
            "qualname": self.qualname,
            "args": list(self.args),
            "init": init,
            "prior": [list(p) for p in self.prior],
            "tolerant": self.tolerant,
            "is_async": self.is_async,
        }


def _node(tree: ast.Module, qualname: str) -> ast.AST | None:
    body: list[ast.stmt] = tree.body
    node: ast.AST | None = None
    for part in qualname.split("."):
        node = next(
            (
                n
                for n in body
                if isinstance(n, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and n.name == part
            ),
            None,
        )
        if node is None:
            return None
        body = node.body if isinstance(node, ast.ClassDef) else []
    return node


def _required(func: ast.FunctionDef | ast.AsyncFunctionDef, bound: bool) -> list[tuple[str, str | None]] | None:
    """``(name, annotation)`` of the positional parameters a call must pass; ``None`` when it needs keywords."""
    args = func.args
    if any(default is None for default in args.kw_defaults):
        return None
    positional = [*args.posonlyargs, *args.args]
    required = positional[: len(positional) - len(args.defaults)]
    if bound and required:
        required = required[1:]
    return [(a.arg, ast.unparse(a.annotation) if a.annotation else None) for a in required]


def _decorated(func: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    """``static``, ``class`` or ``""`` (a plain function or instance method)."""
    names = {ast.unparse(d) for d in func.decorator_list}
    return "static" if "staticmethod" in names else "class" if "classmethod" in names else ""


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


def _fits(value: object, annotation: str | None) -> bool:
    if annotation is None:
        return True
    kind = _TYPES.get(annotation.split("[", 1)[0].split("|", 1)[0].strip())
    return kind is not None and (type(value) is kind or (kind is float and type(value) is int))


def _displays(sources: list[str]) -> list[object]:
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


def _pool(func: ast.AST, literals: list[object]) -> list[object]:
    """Values worth passing: the function's own constants (and their neighbours), then the tests' literals,
    taken in turn from each type (a suite's hundreds of numbers and strings do not crowd out its few lists)."""
    by_type: dict[type, dict[str, object]] = {}
    for value in [*_constants(func), *literals]:
        by_type.setdefault(type(value), {}).setdefault(repr(value), value)  # containers are unhashable: by repr
    turns = zip_longest(*(list(values.values()) for values in by_type.values()), fillvalue=_GAP)
    return [value for turn in turns for value in turn if value is not _GAP][:_POOL]


def _with_pool(params: list[tuple[str, str | None]], base: list[list[str]], pool: list[object]) -> list[list[str]]:
    """Argument lists that put pool values in pairs of the first two parameters, then in each one they fit."""
    if not params or not base:
        return []
    fitting = [[v for v in pool if _fits(v, annotation)][:_PER_PARAM] for _, annotation in params]
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


def _optional(func: ast.AST, bases: list[list[str]], pool: list[object]) -> list[list[str]]:
    """Argument lists that also pass optional positional parameters a value other than their default: the
    opposite flag, a neighbour of the number, a pool value of the parameter's type for ``None``."""
    if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef) or not bases:
        return []
    args, found = func.args, []
    positional = [*args.posonlyargs, *args.args]
    optional = positional[len(positional) - len(args.defaults) :]
    defaults = [ast.unparse(d) for d in args.defaults]
    for i, (param, default) in enumerate(zip(optional, args.defaults, strict=True)):
        annotation = ast.unparse(param.annotation) if param.annotation else None
        typed = [v for v in pool if _fits(v, annotation)][:4] if annotation else []
        for value in dict.fromkeys([*_other_values(default), *typed]):
            found += [[*first, *defaults[:i], repr(value)] for first in bases]
    return found


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


def _product(func: ast.AST, params: list[tuple[str, str | None]], base: list[list[str]]) -> list[list[str]]:
    """Argument lists combining each parameter's own values (``_compared``) with every other's: a branch nested
    under conditions on three parameters needs all three at once. A spread of at most ``_PRODUCT``."""
    if len(params) < 3 or not base or len(base[0]) != len(params):
        return []
    per = []
    for i, (name, annotation) in enumerate(params):
        own = [repr(v) for v in _compared(func, name) if _fits(v, annotation)][:_PER_PRODUCT]
        per.append(list(dict.fromkeys([*own, base[0][i]])))
    combos = list(itertools.product(*per))
    step = max(1, len(combos) // _PRODUCT)
    return [list(c) for c in combos[::step][:_PRODUCT]]


def _positional(sources: list[str], name: str, params: list[tuple[str, str | None]]) -> list[list[str]]:
    """The repair engine's argument lists that pass exactly ``params``, by position: the pools below fill and
    extend them by position (a seed call with keywords or optional arguments would break that)."""
    lists = argument_lists(sources, name, [Param(n, annotation) for n, annotation in params])
    return [a for a in lists if len(a) == len(params) and not any(_KEYWORD.match(arg) for arg in a)]


def _lists(
    sources: list[str], name: str, func: ast.AST, params: list[tuple[str, str | None]], literals: list[object]
) -> list[list[str]]:
    found = _positional(sources, name, params) if params else [[]]
    pool = _pool(func, literals)
    pooled = _with_pool(params, found, pool)
    combined = _product(func, params, found)
    found = [*found[:1], *_optional(func, [*found[:2], *pooled[:6]], pool), *pooled, *found[1:], *combined]
    return list({"\0".join(a): a for a in found}.values())


def _inits(tree: ast.Module, owner: str, sources: list[str], literals: list[object]) -> list[list[str]] | None:
    cls = _node(tree, owner)
    if not isinstance(cls, ast.ClassDef):
        return None
    init = next((n for n in cls.body if isinstance(n, ast.FunctionDef) and n.name == "__init__"), None)
    if init is None:
        return [[]]
    params = _required(init, bound=True)
    return None if params is None else _lists(sources, owner.rsplit(".", 1)[-1], init, params, literals)[:_INITS]


def is_bound(source: str, qualname: str) -> bool:
    """Whether ``qualname`` in ``source`` is a method whose first parameter is its instance or class."""
    func = _node(ast.parse(source), qualname)
    return "." in qualname and isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef) and _decorated(func) != "static"


def plan_calls(
    source: str, qualname: str, test_sources: Iterable[str], limit: int, seeds: Sequence[Sequence[str]] = ()
) -> list[Call]:
    """At most ``limit`` calls of ``qualname`` in ``source``, most promising first; ``[]`` when it cannot be
    called with literals (keyword-only parameters, a class that needs them). ``seeds`` are argument lists to
    make first, beyond ``limit`` (the calls the repository's suite made, ``suite_calls``); a method gets them on
    its first instance."""
    tree = ast.parse(source)
    func = _node(tree, qualname)
    if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
        return []
    tests = list(test_sources)
    sources = [*tests, source]
    literals = [value for _, value in sorted(literals_in_tests(tests), key=repr)] + _displays(tests)
    owner = qualname.rsplit(".", 1)[0] if "." in qualname else None
    kind = _decorated(func)
    params = _required(func, bound=owner is not None and kind != "static")
    inits = _inits(tree, owner, sources, literals) if owner is not None and not kind else [None]
    if params is None or not inits:
        return []
    is_async = isinstance(func, ast.AsyncFunctionDef)
    lists = _lists(sources, func.name, func, params, literals)
    replays = _replays([a for a in {"\0".join(a): list(a) for a in seeds}.values() if len(a) >= len(params)], inits)
    pairs: list[_Planned] = [(init, args, ()) for args in lists for init in inits]
    if inits != [None]:  # a method: also after calls that build up the instance's state
        priors = [tuple(tuple(a) for a in lists[k : k + n]) for n in (1, 3) for k in range(4)]
        pairs = _interleave(pairs, [(inits[0], args, prior) for prior in priors for args in lists[:4]])
    return [
        Call(i, qualname, tuple(args), None if init is None else tuple(init), is_async, prior, i < len(replays))
        for i, (init, args, prior) in enumerate([*replays, *pairs[:limit]])
    ]


def _replays(seeds: list[list[str]], inits: list[list[str]] | list[None]) -> list[_Planned]:
    """The suite's argument lists, each on its own; for a method also each after the ones before it, in the
    order the suite made them, on one instance (an ``out`` after an ``in``: state the suite's instance had; the
    call is ``tolerant``: earlier ones that raise are left out)."""
    found: list[_Planned] = [(inits[0], args, ()) for args in seeds]
    if inits != [None]:
        found += [(inits[0], seeds[k], tuple(map(tuple, seeds[max(0, k - _PRIOR) : k]))) for k in range(1, len(seeds))]
    return found


def _interleave(first: list[_Planned], second: list[_Planned]) -> list[_Planned]:
    """Both lists, alternating, so a cut keeps some of each."""
    merged: list[_Planned] = []
    for a, b in zip_longest(first, second):
        merged += [x for x in (a, b) if x is not None]
    return merged
