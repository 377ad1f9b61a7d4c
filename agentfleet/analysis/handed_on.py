"""Where a function's arguments go, followed as values rather than as spellings: every value computed from a
parameter (an alias, a walrus, a loop or comprehension variable, an item, an attribute, what a call given it
returns) stands for the caller's object, and a function changes its caller's object when one of those values is

- called, having been derived from it (``drop = lines.clear; drop()``, ``getattr(lines, "clear")()``,
  ``functools.partial(list.clear, lines)()``): a bound method or a partial acts on what it was made from; or
  handed on as a mutating method (``stack.callback(lines.clear)``);
- the receiver of a mutating method (``(held := lines).clear()``);
- written into (``alias[0] = …``, ``del alias[:]``);
- put into an object's namespace by a computed name (``self.__dict__["kept"] = rows``, ``vars(self).update(…)``),
  where attribute analyses cannot see which name the object keeps it under;
- passed to a function of another module that changes that parameter (``reset(lines)`` with ``batching.reset``
  clearing what it is given): ``mutating`` names those functions, read from the modules' own texts.

``state.effects`` adds these to what it reads by spelling. Calling a parameter itself (a callback, ``key(x)``) and
methods that only read (``lines.count``) are not changes; a function the analysis cannot read (another package's)
is not followed.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping

from agentfleet.analysis._bindings import FUNCTIONS, stored
from agentfleet.analysis._reached import MUTATORS

__all__ = ["changed_parameters", "handed_on"]

_SCALARS = frozenset(
    {"len", "bool", "int", "float", "str", "repr", "hash", "id", "isinstance", "issubclass", "callable", "abs"}
    | {"round", "format", "ord", "chr", "hex", "bin", "oct", "divmod", "pow", "hasattr", "sum", "any", "all"}
)
"""Builtins whose result holds nothing of what they are given."""
_CONTAINERS = frozenset(
    {"list", "tuple", "set", "frozenset", "dict", "sorted", "reversed", "enumerate", "zip", "iter", "filter", "map"}
)
"""Builtins that make a new container (an iterator) of what they are given: its items are the caller's."""
_READERS = frozenset(
    {"count", "index", "copy", "get", "keys", "values", "items", "startswith", "endswith", "find", "rfind", "split"}
    | {"strip", "join", "lower", "upper", "format", "encode", "decode", "isdigit", "__len__", "__contains__"}
    | {"__getitem__", "__iter__", "issubset", "issuperset", "isdisjoint", "union", "intersection", "difference"}
)
"""Methods that only read the object they are bound to: keeping one as a value changes nothing."""
_NAMESPACES = frozenset({"__dict__"})


def _params(func: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    args = func.args
    names = [a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]]
    names += [a.arg for a in (args.vararg, args.kwarg) if a is not None]
    return names


class _Flow:
    """The values of one function that are its caller's objects (``tainted``), those derived from one through an
    attribute or a call (``derived``: calling one acts on the object), and the function's own containers that
    hold caller's objects as items (``items``: ``copy = list(lines)``, whose ``clear()`` changes nothing outside)."""

    def __init__(self, func: ast.FunctionDef | ast.AsyncFunctionDef, sources: set[str]) -> None:
        self.tainted, self.derived, self.items = set(sources), set[str](), set[str]()
        bindings = list(_bindings(func))
        while True:
            before = (len(self.tainted), len(self.derived), len(self.items))
            for target, value, each in bindings:
                names = stored(target)
                if self.contains(value) if each else self.holds(value):
                    self.tainted |= names
                    self.derived |= names if _derives(value) else set()
                elif not each and self.contains(value):
                    self.items |= names
            if before == (len(self.tainted), len(self.derived), len(self.items)):
                return

    def holds(self, node: ast.expr | None) -> bool:
        """``node``'s value is, or may be, a caller's object or part of one."""
        if isinstance(node, ast.Name):
            return node.id in self.tainted
        if isinstance(node, ast.Attribute | ast.Subscript | ast.Starred):
            return self.contains(node.value)
        if isinstance(node, ast.NamedExpr | ast.Await):
            return self.holds(node.value)
        if isinstance(node, ast.IfExp):
            return self.holds(node.body) or self.holds(node.orelse)
        if isinstance(node, ast.BoolOp):
            return any(self.holds(v) for v in node.values)
        if isinstance(node, ast.Call) and _called(node) not in _SCALARS | _CONTAINERS:
            given = [*node.args, *(k.value for k in node.keywords)]
            return self.holds(node.func) or any(self.contains(a) for a in given)
        return False

    def contains(self, node: ast.expr | None) -> bool:
        """``node``'s value is a caller's object or a container (an iterator) whose items are."""
        if node is None or self.holds(node):
            return node is not None
        if isinstance(node, ast.Name):
            return node.id in self.items
        if isinstance(node, ast.List | ast.Tuple | ast.Set):  # its items are its elements: a copy in it is not
            return any(self.holds(e) for e in node.elts)
        if isinstance(node, ast.Dict):
            return any(self.holds(v) for v in node.values)
        if isinstance(node, ast.GeneratorExp | ast.ListComp | ast.SetComp | ast.DictComp):
            return any(self.contains(g.iter) for g in node.generators)
        if isinstance(node, ast.BinOp):
            return self.contains(node.left) or self.contains(node.right)
        if isinstance(node, ast.Call) and _called(node) in _CONTAINERS:
            return any(self.contains(a) for a in [*node.args, *(k.value for k in node.keywords)])
        return False

    def acts_on(self, callee: ast.expr) -> bool:
        """Calling ``callee`` acts on a caller's object: a value derived from one (a bound method kept, what
        ``getattr``/``partial`` made of it), not a parameter called as it was passed."""
        if isinstance(callee, ast.Name):
            return callee.id in self.derived
        if isinstance(callee, ast.Attribute):
            return self.holds(callee.value) and callee.attr in MUTATORS
        return isinstance(callee, ast.Call | ast.Subscript | ast.NamedExpr) and self.holds(callee)


def _derives(value: ast.expr) -> bool:
    """A value made from an object that acts on it when called: a method other than one that only reads, what a
    call or an item gives."""
    if isinstance(value, ast.Attribute):
        return value.attr not in _READERS
    return isinstance(value, ast.Call | ast.Subscript)


def _called(call: ast.Call) -> str | None:
    return call.func.id if isinstance(call.func, ast.Name) else None


def _bindings(func: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[tuple[ast.expr, ast.expr, bool]]:
    """(target, value, whether the target takes each item of the value) for every binding in ``func``."""
    for node in ast.walk(func):
        if isinstance(node, ast.Assign):
            yield from ((t, node.value, False) for t in node.targets)
        elif isinstance(node, ast.AnnAssign | ast.NamedExpr) and node.value is not None:
            yield node.target, node.value, False
        elif isinstance(node, ast.For | ast.AsyncFor | ast.comprehension):
            yield node.target, node.iter, True
        elif isinstance(node, ast.withitem) and node.optional_vars is not None:
            yield node.optional_vars, node.context_expr, False


def _namespace(node: ast.expr) -> bool:
    """``X.__dict__`` or ``vars(X)``: an object's attributes as a mapping."""
    if isinstance(node, ast.Attribute):
        return node.attr in _NAMESPACES
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "vars" and bool(node.args)


def _imported(tree: ast.Module) -> dict[str, str]:
    """Local name → the dotted name it was imported as (``reset`` → ``batching.reset``, ``batching`` →
    ``batching``)."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names |= {a.asname or a.name: f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            names |= {
                a.asname or a.name.split(".")[0]: a.name if a.asname else a.name.split(".")[0] for a in node.names
            }
    return names


def _dotted(callee: ast.expr, imported: dict[str, str]) -> str | None:
    parts: list[str] = []
    while isinstance(callee, ast.Attribute):
        parts.insert(0, callee.attr)
        callee = callee.value
    if isinstance(callee, ast.Name) and callee.id in imported:
        return ".".join([imported[callee.id], *parts])
    return None


def _call_changes(
    node: ast.Call, flow: _Flow, imported: dict[str, str], mutating: Mapping[str, frozenset[int]]
) -> bool:
    """The call acts on a caller's object, puts one into an object's namespace, or hands one to another module's
    function at a position it changes."""
    target = node.func.value if isinstance(node.func, ast.Attribute) else None
    given = [*node.args, *(k.value for k in node.keywords)]
    if flow.acts_on(node.func) or (target is not None and _namespace(target) and any(map(flow.holds, given))):
        return True
    if any(isinstance(a, ast.Attribute) and a.attr in MUTATORS and flow.holds(a.value) for a in given):
        return True  # a mutating method of the object handed on (``stack.callback(lines.clear)``)
    changed = mutating.get(_dotted(node.func, imported) or "", frozenset())
    return any(i < len(node.args) and flow.holds(node.args[i]) for i in changed)


def _write_changes(target: ast.expr, value: ast.expr | None, flow: _Flow) -> bool:
    """Writing ``value`` to ``target`` changes a caller's object, or puts one into an object's namespace."""
    if isinstance(target, ast.Attribute | ast.Subscript) and flow.holds(target.value):
        return True
    return isinstance(target, ast.Subscript) and _namespace(target.value) and flow.holds(value)


def _changes(
    func: ast.FunctionDef | ast.AsyncFunctionDef, flow: _Flow, imported: dict[str, str],
    mutating: Mapping[str, frozenset[int]],
) -> Iterator[str]:  # fmt: skip
    for node in ast.walk(func):
        if isinstance(node, ast.Call) and _call_changes(node, flow, imported, mutating):
            yield ast.unparse(node)
        elif isinstance(node, ast.Assign | ast.AugAssign | ast.Delete):
            targets = node.targets if isinstance(node, ast.Assign | ast.Delete) else [node.target]
            value = None if isinstance(node, ast.Delete) else node.value
            yield from (ast.unparse(t) for t in targets if _write_changes(t, value, flow))


def _sources(func: ast.FunctionDef | ast.AsyncFunctionDef, skip: set[str]) -> set[str]:
    """The parameters that stand for the caller's objects: not ``self``/``cls``, not ``skip``, and not rebound
    (``lines = list(lines)`` makes ``lines`` the function's own; a rebinding to the object itself is followed)."""
    augmented = {id(n.target) for n in ast.walk(func) if isinstance(n, ast.AugAssign)}
    rebound = {
        n.id
        for n in ast.walk(func)
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store) and id(n) not in augmented
    }
    return set(_params(func)) - {"self", "cls"} - skip - rebound


def handed_on(
    tree: ast.Module,
    mutating: Mapping[str, frozenset[int]] | None = None,
    private: Mapping[str, set[str]] | None = None,
) -> Iterator[str]:
    """The calls and writes through which ``tree``'s functions change what their callers passed them (module
    docstring); ``mutating``: dotted name → positions of the parameters another module's function changes;
    ``private``: function name → parameters every call in the file passes a fresh local of its caller."""
    imported = _imported(tree)
    for func in (n for n in ast.walk(tree) if isinstance(n, FUNCTIONS)):
        flow = _Flow(func, _sources(func, (private or {}).get(func.name, set())))
        yield from _changes(func, flow, imported, mutating or {})


def changed_parameters(module: str, text: str | None) -> dict[str, frozenset[int]]:
    """``module.function`` → the positions of the parameters each top-level function of ``text`` changes."""
    try:
        tree = ast.parse(text or "")
    except SyntaxError:
        return {}
    imported, found = _imported(tree), {}
    for func in (n for n in tree.body if isinstance(n, FUNCTIONS)):
        positional = [a.arg for a in [*func.args.posonlyargs, *func.args.args]]
        changed = frozenset(
            i
            for i, name in enumerate(positional)
            if name in _sources(func, set()) and any(_changes(func, _Flow(func, {name}), imported, {}))
        )
        if changed:
            found[f"{module}.{func.name}"] = changed
    return found
