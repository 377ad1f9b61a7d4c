"""What the code at one commit says about its functions, read statically (nothing is imported or run), for the claims
a docs patch makes about them (``docs_claims.py``): each function's parameters and defaults, the exceptions it and the
repository functions it calls raise, whether it can answer ``None``, whether it warns of its own deprecation.

Every answer is three-valued where the code may not tell: ``None`` means *unknown* (a call the index cannot resolve,
a value it cannot type), and a claim judged against an unknown is a claim for a human to read, never a lie.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from agentfleet.analysis import always_exits

__all__ = ["BUILTIN_ERRORS", "CodeFacts", "Function"]

_BUILTIN_NAMES = frozenset(dir(builtins))
BUILTIN_ERRORS = frozenset(
    n
    for n in _BUILTIN_NAMES
    if isinstance(getattr(builtins, n), type) and issubclass(getattr(builtins, n), BaseException)
)
"""Exceptions Python itself raises (a ``TypeError`` from ``+``): no ``raise`` need name them."""
_NEVER_NONE_CALLS = frozenset(
    {"str", "int", "float", "bool", "list", "dict", "set", "tuple", "frozenset", "len", "sorted", "repr", "bytes",
     "abs", "round", "sum", "min", "max", "isinstance", "format", "type", "range", "enumerate", "zip"}
)  # fmt: skip
_NOT_NONE_NODES = (
    ast.JoinedStr, ast.BinOp, ast.Compare, ast.List, ast.Tuple, ast.Dict, ast.Set, ast.ListComp, ast.SetComp,
    ast.DictComp, ast.GeneratorExp, ast.Lambda, ast.UnaryOp,
)  # fmt: skip
_DEPRECATION = frozenset({"DeprecationWarning", "PendingDeprecationWarning", "FutureWarning"})
_DEPTH = 6
"""How deep calls into the repository's own functions are followed."""


@dataclass(eq=False)
class Function:
    """One function or method of the repository."""

    qualname: str
    """``module.Class.name`` (``shelf.client.Client.get``)."""
    node: ast.FunctionDef | ast.AsyncFunctionDef
    module: str
    cls: str | None = None

    @property
    def params(self) -> dict[str, str | None]:
        """Parameter name → its default as written (``None``: required)."""
        args = self.node.args
        positional = [*args.posonlyargs, *args.args]
        defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults)) + [*args.defaults]
        found = {a.arg: (ast.unparse(d) if d is not None else None) for a, d in zip(positional, defaults, strict=True)}
        found |= {
            a.arg: (ast.unparse(d) if d else None) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True)
        }
        return found

    @property
    def takes_any_keyword(self) -> bool:
        """It has ``**kwargs``."""
        return self.node.args.kwarg is not None


@dataclass
class CodeFacts:
    """The functions and classes of a commit's Python sources (path → text; files that do not parse are skipped)."""

    sources: Mapping[str, str]
    functions: dict[str, list[Function]] = field(default_factory=dict)
    """Short name (``get``) and ``Class.name`` → the functions so named."""
    bases: dict[str, set[str]] = field(default_factory=dict)
    """Class name → the names of its bases."""
    imported: dict[str, dict[str, str]] = field(default_factory=dict)
    """Module → local name → the name it imports (``from shelf.client import fetch as f``: ``f`` → ``fetch``)."""

    def __post_init__(self) -> None:
        for path, text in self.sources.items():
            try:
                tree = ast.parse(text)
            except (SyntaxError, ValueError):
                continue
            module = path.removesuffix(".py").removesuffix("/__init__").replace("/", ".")
            self.imported[module] = {
                (a.asname or a.name): a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names
            }
            self._index(tree.body, module, None)

    def _index(self, body: list[ast.stmt], module: str, cls: str | None) -> None:
        for node in body:
            if isinstance(node, ast.ClassDef) and cls is None:
                self.bases.setdefault(node.name, set()).update(ast.unparse(b).rpartition(".")[2] for b in node.bases)
                self._index(node.body, module, node.name)
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                qual = ".".join(p for p in (module, cls, node.name) if p)
                function = Function(qual, node, module, cls)
                for key in {node.name, f"{cls}.{node.name}" if cls else node.name}:
                    self.functions.setdefault(key, []).append(function)

    def find(self, name: str) -> list[Function]:
        """The functions a docs name means: ``fetch``, ``shelf.fetch``, ``Client.get``, ``fetch()``; a class name
        means its ``__init__``."""
        parts = name.removesuffix("()").split(".")
        if len(parts) >= 2 and parts[-2] in self.bases:
            return self.functions.get(f"{parts[-2]}.{parts[-1]}", [])
        if parts[-1] in self.bases:
            return self.functions.get(f"{parts[-1]}.__init__", [])
        return [f for f in self.functions.get(parts[-1], []) if f.cls is None or len(parts) == 1]

    def is_defined(self, name: str) -> bool:
        """A function or class of that name exists: a dotted name (``Client.get``) as ``find`` reads it, a bare one
        only at a module's top level (``get`` alone names no method)."""
        if "." in name.removesuffix("()"):
            return bool(self.find(name))
        bare = name.removesuffix("()")
        return bare in self.bases or any(f.cls is None for f in self.functions.get(bare, []))

    def all_functions(self) -> Iterator[Function]:
        """Every function and method once."""
        seen: set[int] = set()
        for group in self.functions.values():
            for function in group:
                if id(function) not in seen:
                    seen.add(id(function))
                    yield function

    def is_a(self, raised: str, wanted: str) -> bool:
        """``raised`` is ``wanted`` or, by the repository's classes, a subclass of it."""
        seen, todo = set(), [raised]
        while todo:
            name = todo.pop()
            if name == wanted or _builtin_subclass(name, wanted):
                return True
            if name not in seen:
                seen.add(name)
                todo += self.bases.get(name, ())
        return False

    def raises(self, function: Function, depth: int = _DEPTH) -> tuple[set[str], bool]:
        """The exception class names ``function`` and the repository functions it calls raise (those a ``try``
        around them catches aside), and whether every call was followed (``False``: the set may miss some)."""
        found: set[str] = set()
        complete = True
        for node, caught in _walk(function.node.body, frozenset()):
            if isinstance(node, ast.Raise) and node.exc is not None:
                exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
                name = ast.unparse(exc).rpartition(".")[2]
                if not any(self.is_a(name, c) for c in caught):
                    found.add(name)
            elif isinstance(node, ast.Call):
                callees = self._callees(function, node.func)
                if callees is None or (callees and depth == 0):
                    complete = False
                for callee in callees or ():
                    names, whole = self.raises(callee, depth - 1) if depth else (set(), False)
                    found |= {n for n in names if not any(self.is_a(n, c) for c in caught)}
                    complete = complete and whole
        return found, complete

    def may_return_none(self, function: Function, depth: int = _DEPTH) -> bool | None:
        """Whether ``function`` can answer ``None`` of its own (``None``: the code does not tell)."""
        body = function.node.body
        if any(isinstance(n, ast.Yield | ast.YieldFrom) for s in body for n in ast.walk(s)):
            return None
        if not always_exits(body):
            return True
        unknown = False
        for node in (n for s in body for n in ast.walk(s) if isinstance(n, ast.Return)):
            answer = self._none(function, node.value, depth)
            if answer:
                return True
            unknown = unknown or answer is None
        return None if unknown else False

    def warns_deprecation(self, function: Function) -> bool:
        """It warns with a deprecation category or is wrapped in a ``deprecated`` decorator."""
        decorated = any("deprecat" in ast.unparse(d).lower() for d in function.node.decorator_list)
        return decorated or any(
            isinstance(n, ast.Name | ast.Attribute) and ast.unparse(n).rpartition(".")[2] in _DEPRECATION
            for n in ast.walk(function.node)
        )

    def _none(self, function: Function, value: ast.expr | None, depth: int) -> bool | None:
        """Whether a returned ``value`` can be ``None`` (``None``: unknown)."""
        if value is None or (isinstance(value, ast.Constant) and value.value is None):
            return True
        if isinstance(value, (ast.Constant, *_NOT_NONE_NODES)):
            return False
        if isinstance(value, ast.IfExp):
            sides = [self._none(function, value.body, depth), self._none(function, value.orelse, depth)]
            return True if True in sides else None if None in sides else False
        if (
            isinstance(value, ast.Subscript)
            and isinstance(value.value, _NOT_NONE_NODES)
            and isinstance(value.slice, ast.Slice)
        ):
            return False
        if isinstance(value, ast.Name):
            return _name_may_be_none(function, value.id)
        if isinstance(value, ast.Call):
            if isinstance(value.func, ast.Name) and value.func.id in _NEVER_NONE_CALLS:
                return False
            callees = self._callees(function, value.func)
            if not callees or depth == 0:
                return None
            answers = [self.may_return_none(c, depth - 1) for c in callees]
            return True if True in answers else None if None in answers else False
        return None

    def _callees(self, caller: Function, func: ast.expr) -> list[Function] | None:
        """The repository functions a call reaches (``[]``: a builtin; ``None``: the index cannot tell)."""
        if isinstance(func, ast.Name):
            name = self.imported.get(caller.module, {}).get(func.id, func.id)
            own = [f for f in self.find(name) if f.cls is None]
            if own or name in self.bases:
                return own or self.functions.get(f"{name}.__init__", [])
            return [] if func.id in _BUILTIN_NAMES else None
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in {"self", "cls"}:
            return self.functions.get(f"{caller.cls}.{func.attr}") if caller.cls else None
        return None


def _builtin_subclass(name: str, wanted: str) -> bool:
    if name not in BUILTIN_ERRORS or wanted not in BUILTIN_ERRORS:
        return False
    return issubclass(getattr(builtins, name), getattr(builtins, wanted))


def _walk(body: list[ast.stmt], caught: frozenset[str]) -> Iterator[tuple[ast.AST, frozenset[str]]]:
    """Every node of ``body`` (nested functions and classes aside) with the exception names a ``try`` around it
    catches (``BaseException`` for a bare or broad handler)."""
    for statement in body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            continue
        if isinstance(statement, ast.Try | ast.TryStar):
            inner = caught.union(*(_caught_names(h) for h in statement.handlers))
            yield from _walk(statement.body, inner)
            for handler in statement.handlers:
                yield from _walk(handler.body, caught)
            yield from _walk(statement.orelse + statement.finalbody, caught)
            continue
        for node in ast.iter_child_nodes(statement):
            if isinstance(node, ast.stmt):
                yield from _walk([node], caught)
            else:
                yield from ((n, caught) for n in ast.walk(node) if not isinstance(n, ast.Lambda))
        yield statement, caught


def _caught_names(handler: ast.ExceptHandler) -> set[str]:
    """The class names a handler catches (``BaseException`` for a bare one)."""
    if handler.type is None:
        return {"BaseException"}
    names = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return {ast.unparse(n).rpartition(".")[2] for n in names}


def _name_may_be_none(function: Function, name: str) -> bool | None:
    """A returned name: ``None`` assigned to it, or a parameter whose default is ``None`` (the function answers
    ``None`` when it is not given); a parameter otherwise is the caller's value (not ``None`` of the function's
    own)."""
    for node in ast.walk(function.node):
        targets = node.targets if isinstance(node, ast.Assign) else []
        none = isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and node.value.value is None
        if none and any(isinstance(t, ast.Name) and t.id == name for t in targets):
            return True
    params = function.params
    if name in params:
        return params[name] == "None"
    return None
