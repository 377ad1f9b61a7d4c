"""What a module's functions and classes are wrapped in: their decorators, and the names the module rebinds to
something else after defining them (``shipping = cache(shipping)``). A refactor that adds one changes what the
name *is* — a cache that keeps every call's arguments alive, a wrapper that logs or retries — while every call
still returns what it did, so the differential tests cannot see it."""

from __future__ import annotations

import ast
from collections import Counter

__all__ = ["wrappers"]

_DECLARATIVE = frozenset({"staticmethod", "classmethod", "property", "abstractmethod", "overload", "override"})
"""Decorators that declare what a definition is, and wrap nothing a call goes through."""
_DEFINITIONS = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
_MODULE_HOOKS = frozenset({"__getattr__", "__dir__"})
"""Module functions Python calls to resolve a name the module lacks (PEP 562): ``from shop.orders import gone``
then succeeds."""
_CLASS_HOOKS = frozenset(
    {"__getattr__", "__getattribute__", "__setattr__", "__delattr__", "__init_subclass__", "__set_name__"}
    | {"__class_getitem__", "__get__", "__set__", "__delete__", "__missing__", "__instancecheck__", "__subclasscheck__"}
)
"""Methods Python calls behind an attribute read, a subclass, an item or an ``isinstance``: defining one changes
what code that never calls the class's functions sees."""


def wrappers(text: str | None) -> Counter[str]:
    """Each decorator on a definition of ``text`` (``@cache on shipping``) but the declarative ones (a property's
    ``@x.setter`` too), each module-level rebinding of a name the module defines, and each hook that changes how
    names resolve (``_hooks``). A patch's new ones are
    ``wrappers(after) - wrappers(before)``."""
    try:
        tree = ast.parse(text or "")
    except SyntaxError:
        return Counter()
    found: Counter[str] = Counter()
    defined = {node.name for node in ast.walk(tree) if isinstance(node, _DEFINITIONS)}
    for node in ast.walk(tree):
        if isinstance(node, _DEFINITIONS):
            found.update(f"@{ast.unparse(d)} on {node.name}" for d in node.decorator_list if not _declarative(d))
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            rebound = [t.id for t in targets if isinstance(t, ast.Name) and t.id in defined]
            found.update(f"{name} = {ast.unparse(node.value)}" for name in rebound)
    found.update(_hooks(tree))
    return found


def _hooks(tree: ast.Module) -> list[str]:
    """The hooks that change how names resolve: a module ``__getattr__``, a class's ``__getattr__``,
    ``__init_subclass__``, descriptor methods…, a metaclass, and an assignment to an object's ``__class__``."""
    found = [f"module {n.name}" for n in tree.body if isinstance(n, ast.FunctionDef) and n.name in _MODULE_HOOKS]
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            methods = [n.name for n in node.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
            found += [f"{node.name}.{name}" for name in methods if name in _CLASS_HOOKS]
            found += [f"metaclass of {node.name}" for k in node.keywords if k.arg == "metaclass"]
        elif isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            found += [ast.unparse(t) for t in targets if isinstance(t, ast.Attribute) and t.attr == "__class__"]
    return found


def _declarative(decorator: ast.expr) -> bool:
    name = ast.unparse(decorator.func if isinstance(decorator, ast.Call) else decorator)
    return name.rsplit(".", 1)[-1] in _DECLARATIVE | {"setter", "getter", "deleter"}
