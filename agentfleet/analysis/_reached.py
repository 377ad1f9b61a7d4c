"""What a call changes and what an object keeps, for ``state.effects``: the mutating methods and functions, a
mutating method handed on as a value (``operator.methodcaller("clear")(x)``, ``map(list.clear, [x])``), and the
attributes an object binds to what one of its methods was passed (``self.kept = lines``), through which another
method changes the caller's object."""

from __future__ import annotations

import ast

from agentfleet.analysis._bindings import FUNCTIONS

__all__ = ["MUTATORS", "changed_by_call", "kept_by_method", "through_kept"]

MUTATORS = frozenset(
    {"append", "extend", "insert", "pop", "popitem", "clear", "remove", "sort", "reverse", "update", "setdefault"}
    | {"add", "discard", "__setitem__", "__delitem__", "write", "writelines", "__setattr__", "__delattr__"}
    | {"__iadd__", "__isub__", "__ior__", "__iand__", "__ixor__", "__imul__", "__imatmul__", "__itruediv__"}
    | {"__ifloordiv__", "__imod__", "__ipow__", "__ilshift__", "__irshift__", "__init__", "__setstate__"}
)
"""Methods that change the object they are called on (``lines.__init__()`` empties a list in place)."""
_CHANGES_FIRST = frozenset(
    {"heapify", "heappush", "heappop", "heapreplace", "heappushpop", "shuffle", "insort", "insort_left"}
    | {"insort_right", "setattr", "delattr"}
    | {"setitem", "delitem", "iadd", "iconcat", "isub", "ior", "iand", "ixor", "imul"}
)
"""Functions that change the object passed first (``heapq.heapify(lines)``, ``random.shuffle(lines)``,
``operator.delitem(lines, slice(None))``)."""
_TYPES = frozenset({"list", "dict", "set", "bytearray", "deque", "object", "defaultdict", "OrderedDict"})
"""Types whose mutating methods, called on the type (``list.clear(lines)``), change the object passed first."""
_APPLIERS = frozenset({"map", "filter", "starmap"})
"""Builtins that call a function on each item they are given."""


def _name(func: ast.expr) -> str | None:
    return getattr(func, "id", None) or getattr(func, "attr", None)


def _mutating(func: ast.expr, imported: frozenset[str] | set[str] = frozenset()) -> bool:
    """``func`` is a function value that changes what it is called with: ``list.clear``, ``heapq.heapify``,
    ``operator.methodcaller("clear")``, ``lambda x: x.clear()``; a mutating method of a type the module imports
    (``MutableSequence.clear``, ``collections.UserList.clear``: ``imported`` names the module's imports)."""
    on_type = isinstance(func, ast.Attribute) and func.attr in MUTATORS and _a_type(func.value, imported)
    return on_type or _name(func) in _CHANGES_FIRST or _method_caller(func) or _mutating_lambda(func)


def _a_type(value: ast.expr, imported: frozenset[str] | set[str]) -> bool:
    """``value`` may be a type rather than an object of the function's: a builtin container type, a name the module
    imports, or an attribute of one that is itself no module (``collections.abc.MutableSequence``; not ``os``)."""
    if ast.unparse(value) in _TYPES:
        return True
    root = value
    while isinstance(root, ast.Attribute):
        root = root.value
    return isinstance(root, ast.Name) and root.id in imported and (value is not root or root.id[:1].isupper())


def _mutating_lambda(func: ast.expr) -> bool:
    """``lambda x: x.clear()``: a function calling a mutating method on its first argument."""
    if not (isinstance(func, ast.Lambda) and func.args.args and isinstance(func.body, ast.Call)):
        return False
    called = func.body.func
    receiver = called.value if isinstance(called, ast.Attribute) else None
    mutates = isinstance(called, ast.Attribute) and called.attr in MUTATORS
    return mutates and isinstance(receiver, ast.Name) and receiver.id == func.args.args[0].arg


def _method_caller(func: ast.expr) -> bool:
    """``operator.methodcaller("clear")``: a function calling a mutating method on its argument."""
    if not (isinstance(func, ast.Call) and _name(func.func) == "methodcaller" and func.args):
        return False
    first = func.args[0]
    return isinstance(first, ast.Constant) and first.value in MUTATORS


def _items(value: ast.expr) -> list[ast.expr]:
    """What a function applied to each item of ``value`` is called with: the elements of a literal container, else
    (a name, an attribute) the container itself, part of which its items are."""
    if isinstance(value, ast.List | ast.Tuple | ast.Set):
        return [item for elt in value.elts for item in _items(elt)]
    return [value]


def changed_by_call(node: ast.Call, imported: frozenset[str] | set[str] = frozenset()) -> list[ast.expr]:
    """What a call changes besides its receiver: the first argument of ``heapq.heapify(x)``, ``list.clear(x)``,
    ``MutableSequence.clear(x)`` (``imported``: the names the module's imports bind), ``operator.methodcaller("clear")
    (x)``; each item of what ``map(list.clear, [x])`` applies it to."""
    first = node.args[0] if node.args else None
    if first is None:
        return []
    if _name(node.func) in _APPLIERS and len(node.args) > 1 and _mutating(first):
        return [item for arg in node.args[1:] for item in _items(arg)]
    return [first] if _mutating(node.func, imported) else []


def _self_name(func: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    params = [*func.args.posonlyargs, *func.args.args]
    return params[0].arg if params else None


def _kept(cls: ast.ClassDef) -> set[str]:
    """``self.X`` for each attribute a method of ``cls`` binds to one of its own parameters or part of one
    (``self.kept = lines``, ``self.first = lines[0]``): the object holds what its caller passed."""
    kept: set[str] = set()
    for method in (n for n in cls.body if isinstance(n, FUNCTIONS)):
        me = _self_name(method)
        params = {a.arg for a in [*method.args.posonlyargs, *method.args.args, *method.args.kwonlyargs]} - {me}
        for node in (n for n in ast.walk(method) if isinstance(n, ast.Assign)):
            value = node.value
            while isinstance(value, ast.Subscript | ast.Attribute):
                value = value.value
            if not (isinstance(value, ast.Name) and value.id in params):
                continue
            kept |= {
                f"self.{t.attr}"
                for t in node.targets
                if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == me
            }
    return kept


def _bound_from_outside(tree: ast.Module) -> set[str] | None:
    """Attribute names a function binds on another object to one of its own parameters or part of one
    (``batch.kept = lines``, ``setattr(batch, "kept", lines)``): every class's methods may then change the caller's
    object through ``self.kept``. ``None``: any name (``setattr`` with a name the review cannot read)."""
    names: set[str] = set()
    for func in (n for n in ast.walk(tree) if isinstance(n, FUNCTIONS)):
        me = _self_name(func) if any(func in c.body for c in ast.walk(tree) if isinstance(c, ast.ClassDef)) else None
        params = {a.arg for a in [*func.args.posonlyargs, *func.args.args, *func.args.kwonlyargs]} - {me}
        for node in ast.walk(func):
            if isinstance(node, ast.Assign) and _rooted_in(node.value, params):
                names |= {t.attr for t in node.targets if isinstance(t, ast.Attribute) and _other(t.value, me)}
            elif isinstance(node, ast.Call) and _name(node.func) == "setattr" and len(node.args) == 3:
                target, name, value = node.args
                if _rooted_in(value, params) and _other(target, me):
                    if not isinstance(name, ast.Constant):
                        return None
                    names.add(str(name.value))
    return names


def _rooted_in(value: ast.expr, names: set[str]) -> bool:
    while isinstance(value, ast.Subscript | ast.Attribute):
        value = value.value
    return isinstance(value, ast.Name) and value.id in names


def _other(target: ast.expr, me: str | None) -> bool:
    """``target`` is an object other than the method's own (``batch``, not ``self``)."""
    return not (isinstance(target, ast.Name) and target.id == me)


def _class_attributes(cls: ast.ClassDef) -> set[str]:
    return {n.attr for n in ast.walk(cls) if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)}


def kept_by_method(tree: ast.Module) -> dict[int, set[str]]:
    """For each method (by ``id``), the ``self.X`` attributes its class keeps of what a caller passed, itself or
    (``_bound_from_outside``) through code outside the class; the names are spelled with ``self`` whatever the
    method calls its first parameter (``through_kept`` reads it so)."""
    found: dict[int, set[str]] = {}
    outside = _bound_from_outside(tree)
    for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
        bound = _class_attributes(cls) if outside is None else outside
        kept = _kept(cls) | {f"self.{name}" for name in bound}
        for method in (n for n in cls.body if isinstance(n, FUNCTIONS)):
            me = _self_name(method)
            if kept and me is not None:
                found[id(method)] = {name.replace("self.", f"{me}.", 1) for name in kept}
    return found


def through_kept(node: ast.expr, kept: set[str]) -> bool:
    """``node`` is one of the ``kept`` attributes or part of one (``self.kept``, ``self.kept[0]``)."""
    while isinstance(node, ast.Subscript | ast.Attribute):
        if ast.unparse(node) in kept:
            return True
        node = node.value
    return False
