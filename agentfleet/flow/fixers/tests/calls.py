"""Which calls to make on a function: arguments from the repo's own test literals and type hints.

The argument lists come from the repair engine's reproduction step (``repair.seeds.argument_lists``: what the
tests pass the function, nudged outward, then typical values per annotation), plus the constants the function
itself compares against (a branch on ``x > 100`` wants 100 and 101) and the literals anywhere in the repo's
tests (``analysis.literals_in_tests``: a version string, a file name), each in the parameters it fits. A method
is called on instances built the same way from its class's constructor; a property (``@property``,
``@cached_property``) is read on them, not called. Everything is a Python literal: a call can be written as source.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import zip_longest

from agentfleet.analysis import literals_in_tests
from agentfleet.flow.fixers.repair.seeds import Param, argument_lists
from agentfleet.flow.fixers.tests.arg_values import displays, fits, optional, product, value_pool, with_pool

__all__ = ["Call", "is_bound", "plan_calls"]

_INITS = 3
"""Constructor argument lists tried per class."""
_Planned = tuple[list[str] | None, list[str], tuple[tuple[str, ...], ...]]
Seed = tuple[Sequence[str], Sequence[str] | None]
"""A call to make first: its arguments, and for a method the arguments to build its instance with (``None``: the
writer's own first instance)."""
_PRIOR = 8
"""Most earlier suite calls replayed on a method's instance before one of them."""
_KEYWORD = re.compile(r"[A-Za-z_]\w*=")
"""A keyword argument (``limit=10``); a literal's repr never starts like this."""
_PROPERTIES = {"property", "cached_property", "functools.cached_property"}
"""Decorators that make a method an attribute read on the instance."""


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
    attribute: bool = False
    """A property: read on the instance (``obj.total``), never called."""

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
            "attribute": self.attribute,
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
    """``static``, ``class``, ``property`` or ``""`` (a plain function or instance method)."""
    names = {ast.unparse(d) for d in func.decorator_list}
    if names & _PROPERTIES:
        return "property"
    return "static" if "staticmethod" in names else "class" if "classmethod" in names else ""


def _positional(sources: list[str], name: str, params: list[tuple[str, str | None]]) -> list[list[str]]:
    """The repair engine's argument lists that pass exactly ``params``, by position: the pools below fill and
    extend them by position (a seed call with keywords or optional arguments would break that)."""
    lists = argument_lists(sources, name, [Param(n, annotation) for n, annotation in params])
    return [a for a in lists if len(a) == len(params) and not any(_KEYWORD.match(arg) for arg in a)]


def _typed(lists: list[list[str]], params: list[tuple[str, str | None]], pool: list[object]) -> list[list[str]]:
    """``lists`` with those whose literals fit the parameters' annotations first; when none does, a list of the
    first pool value fitting each parameter leads (``major: SupportsInt`` is not called with ``''`` first)."""

    def fit(args: list[str]) -> bool:
        for arg, (_, annotation) in zip(args, params, strict=False):
            try:
                value = ast.literal_eval(arg)
            except (ValueError, SyntaxError):
                continue  # a name or a call: nothing to judge
            if not fits(value, annotation):
                return False
        return True

    typed = [a for a in lists if fit(a)]
    if not typed:
        seed = [next((repr(v) for v in pool if fits(v, annotation)), None) for _, annotation in params]
        typed = [seed] if None not in seed else []  # type: ignore[list-item]
    return [*typed, *(a for a in lists if a not in typed)]


def _lists(
    sources: list[str], name: str, func: ast.AST, params: list[tuple[str, str | None]], literals: list[object]
) -> list[list[str]]:
    pool = value_pool(func, literals)
    found = _typed(_positional(sources, name, params), params, pool) if params else [[]]
    pooled = with_pool(params, found, pool)
    combined = product(func, params, found)
    found = [*found[:1], *optional(func, [*found[:2], *pooled[:6]], pool), *pooled, *found[1:], *combined]
    return list({"\0".join(a): a for a in found}.values())


def _inits(
    tree: ast.Module, owner: str, sources: list[str], literals: list[object], count: int = _INITS
) -> list[list[str]] | None:
    cls = _node(tree, owner)
    if not isinstance(cls, ast.ClassDef):
        return None
    init = next((n for n in cls.body if isinstance(n, ast.FunctionDef) and n.name == "__init__"), None)
    if init is None:
        return [[]]
    params = _required(init, bound=True)
    return None if params is None else _lists(sources, owner.rsplit(".", 1)[-1], init, params, literals)[:count]


def is_bound(source: str, qualname: str) -> bool:
    """Whether ``qualname`` in ``source`` is a method whose first parameter is its instance or class."""
    func = _node(ast.parse(source), qualname)
    return "." in qualname and isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef) and _decorated(func) != "static"


def plan_calls(
    source: str, qualname: str, test_sources: Iterable[str], limit: int, seeds: Sequence[Seed] = ()
) -> list[Call]:
    """At most ``limit`` calls of ``qualname`` in ``source``, most promising first; ``[]`` when it cannot be
    called with literals (keyword-only parameters, a class that needs them). ``seeds`` are calls to make first,
    beyond ``limit`` (the calls the repository's suite made, ``suite_calls``); a method gets them on the instance
    the seed names, else on its first instance. A constructor (``Class.__init__``) is called through its class."""
    tree = ast.parse(source)
    func = _node(tree, qualname)
    if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
        return []
    tests = list(test_sources)
    sources = [*tests, source]
    literals = [value for _, value in sorted(literals_in_tests(tests), key=repr)] + displays(tests)
    owner = qualname.rsplit(".", 1)[0] if "." in qualname else None
    kind = "constructor" if owner is not None and func.name == "__init__" else _decorated(func)
    if kind == "constructor":  # ``Hook(len)``: building an instance to call __init__ on is that very call
        qualname, owner = owner or qualname, None
    params = _required(func, bound=kind == "constructor" or owner is not None and kind != "static")
    count = limit if kind == "property" else _INITS  # a property varies only with the instance it is read on
    inits = _inits(tree, owner, sources, literals, count) if owner is not None and kind in {"", "property"} else [None]
    if params is None or not inits:
        return []
    is_async = isinstance(func, ast.AsyncFunctionDef)
    if kind == "property":
        return [Call(i, qualname, (), tuple(init or ()), is_async, attribute=True) for i, init in enumerate(inits)]
    lists = _lists(sources, qualname.rsplit(".", 1)[-1] if kind == "constructor" else func.name, func, params, literals)
    distinct = {("\0".join(a), None if i is None else "\0".join(i)): (list(a), i) for a, i in seeds}
    replays = _replays([seed for seed in distinct.values() if len(seed[0]) >= len(params)], inits)
    pairs: list[_Planned] = [(init, args, ()) for args in lists for init in inits]
    if inits != [None]:  # a method: also after calls that build up the instance's state
        priors = [tuple(tuple(a) for a in lists[k : k + n]) for n in (1, 3) for k in range(4)]
        pairs = _interleave(pairs, [(inits[0], args, prior) for prior in priors for args in lists[:4]])
    return [
        Call(i, qualname, tuple(args), None if init is None else tuple(init), is_async, prior, i < len(replays))
        for i, (init, args, prior) in enumerate([*replays, *pairs[:limit]])
    ]


def _replays(
    seeds: list[tuple[list[str], Sequence[str] | None]], inits: list[list[str]] | list[None]
) -> list[_Planned]:
    """The suite's calls, each on its own; for a method on the instance the suite built (its constructor's
    arguments, when recorded), and also each after the ones made before it on an instance built alike, in the
    order the suite made them (an ``out`` after an ``in``: state the suite's instance had; the call is
    ``tolerant``: earlier ones that raise are left out)."""
    if inits == [None]:
        return [(None, args, ()) for args, _ in seeds]
    built = [inits[0] if init is None else list(init) for _, init in seeds]
    found: list[_Planned] = [(init, args, ()) for init, (args, _) in zip(built, seeds, strict=True)]
    for k in range(1, len(seeds)):
        prior = tuple(tuple(seeds[j][0]) for j in range(max(0, k - _PRIOR), k) if built[j] == built[k])
        if prior:
            found.append((built[k], seeds[k][0], prior))
    return found


def _interleave(first: list[_Planned], second: list[_Planned]) -> list[_Planned]:
    """Both lists, alternating, so a cut keeps some of each."""
    merged: list[_Planned] = []
    for a, b in zip_longest(first, second):
        merged += [x for x in (a, b) if x is not None]
    return merged
