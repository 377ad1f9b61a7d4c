"""Module bindings griffe does not model: an old name kept for a renamed class (``VersionInfo = Version``),
names a module deletes once used (``del helper``), a name bound to itself (``Grouped = Grouped``), and a package
function named as a submodule (``def markdown`` beside ``markdown.py``)."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import griffe

__all__ = ["SelfAssignments", "ShadowedSubmodules", "assigned_class", "deleted_names"]


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


def _submodule_imports(tree: ast.Module, package: str) -> dict[str, int]:
    """The last line of a package ``__init__`` that imports each of its submodules (``from .sub import x``,
    ``from . import sub``, ``import package.sub``): after that line the name is the submodule."""
    lines: dict[str, int] = {}
    for node in tree.body:
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            names = [node.module.split(".")[0]] if node.module else [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(package + "."):
            names = [(node.module or "").split(".")[1]]
        elif isinstance(node, ast.Import):
            names = [a.name.split(".")[1] for a in node.names if a.name.startswith(package + ".")]
        for name in names:
            lines[name] = max(lines.get(name, 0), node.lineno)
    return lines


class ShadowedSubmodules(griffe.Extension):
    """Keeps the functions and classes a package ``__init__`` defines under the name of one of its submodules
    (mistune's ``markdown()`` beside ``mistune/markdown.py``). griffe lets the submodule replace them; Python
    binds the name to whichever came last, and a definition after the submodule's import is what callers get."""

    def __init__(self) -> None:
        self.winners: dict[str, dict[str, griffe.Object]] = {}
        """Package path → the members that the name of a submodule reaches at run time."""

    def on_module_members(self, *, node: Any, mod: griffe.Module, **kwargs: Any) -> None:
        """Remember the package's own definitions that no later import of a submodule rebinds."""
        if not isinstance(node, ast.Module) or not isinstance(mod.filepath, Path) or mod.filepath.stem != "__init__":
            return
        imported = _submodule_imports(node, mod.path.rpartition(".")[2])
        self.winners[mod.path] = {
            name: member  # type: ignore[misc]
            for name, member in mod.members.items()
            if not member.is_alias
            and (member.is_function or member.is_class)
            and (member.lineno or 0) > imported.get(name, 0)
        }

    def shadowing(self, package: griffe.Object, name: str) -> griffe.Object | None:
        """The definition ``package.name`` is at run time where griffe holds the submodule instead."""
        member = self.winners.get(package.path, {}).get(name)
        return member if member is not None and package.members.get(name) is not member else None
