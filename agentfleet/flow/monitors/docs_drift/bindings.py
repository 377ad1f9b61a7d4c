"""Module bindings griffe does not model: an old name kept for a renamed class (``VersionInfo = Version``),
names a module deletes once used (``del helper``), and a name bound to itself (``Grouped = Grouped``)."""

from __future__ import annotations

import ast
from typing import Any

import griffe

__all__ = ["SelfAssignments", "assigned_class", "deleted_names"]


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


class SelfAssignments(griffe.Extension):
    """Keeps what a name was before ``Name = Name`` (the builtin's branch of a backport, ``try: ExceptionGroup``
    ``except NameError: class ExceptionGroup …`` ``else: ExceptionGroup = ExceptionGroup``): griffe would take
    that line for a new attribute, losing the class that describes the name's API."""

    def __init__(self) -> None:
        self._kept: dict[int, griffe.Object | griffe.Alias] = {}

    def on_attribute_node(self, *, node: Any, agent: Any, **kwargs: Any) -> None:
        """Remember the member an assignment of a name to itself is about to replace."""
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Name):
            names = {target.id for target in node.targets if isinstance(target, ast.Name)}
            previous = agent.current.members.get(node.value.id)
            if names == {node.value.id} and previous is not None:
                self._kept[id(node)] = previous

    def on_attribute_instance(self, *, node: Any, attr: griffe.Attribute, agent: Any, **kwargs: Any) -> None:
        """Put the remembered member back in the attribute's place."""
        previous = self._kept.pop(id(node), None)
        if previous is not None and attr.parent is not None:
            attr.parent.set_member(attr.name, previous)
