"""Module bindings griffe does not model: an old name kept for a renamed class (``VersionInfo = Version``) and
names a module deletes once used (``del helper``)."""

from __future__ import annotations

import ast

import griffe

__all__ = ["assigned_class", "deleted_names"]


def assigned_class(obj: griffe.Object) -> griffe.Object | None:
    """The class an attribute such as ``VersionInfo = Version`` (an old name kept for a renamed class) names."""
    value = getattr(obj, "value", None) if obj.is_attribute else None
    parent = obj.parent
    if not isinstance(value, str | griffe.ExprName) or parent is None or not str(value).isidentifier():
        return None
    target = parent.members.get(str(value))
    return target if target is not None and not target.is_alias and target.is_class else None  # type: ignore[return-value]


def deleted_names(module: griffe.Object) -> set[str]:
    """Names a module deletes at its top level (``del helper`` once used): not attributes of the module."""
    try:
        tree = ast.parse(module.source)
    except (SyntaxError, ValueError, OSError):  # no source to read: griffe's members are taken as they are
        return set()
    return {
        target.id
        for node in tree.body
        if isinstance(node, ast.Delete)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
