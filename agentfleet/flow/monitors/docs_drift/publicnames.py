"""Annotations and defaults compared by the public objects they name, not by the module path they are spelled through.

webcolors 24.6 renamed its modules private (``types.py`` → ``_types.py``, ``constants.py`` → ``_definitions.py``) and
imported names directly: ``-> types.IntegerRGB`` became ``-> IntegerRGB`` and ``spec: str = constants.CSS3`` became
``spec: str = CSS3``, the same class and constant, both still ``webcolors.IntegerRGB`` and ``webcolors.CSS3``. Each
dotted name that resolves, through the imports of the module it is written in, to an object of the loaded packages
is written as that object's public path before the two are compared.
"""

from __future__ import annotations

import ast

import griffe

from agentfleet.contracts import ParamChange
from agentfleet.flow.monitors.docs_drift.surface import Surface, Symbol
from agentfleet.flow.monitors.docs_drift.typespell import same_type

__all__ = ["public_spelling", "same_default", "same_returns"]


def _module(obj: griffe.Object | None) -> griffe.Object | None:
    while obj is not None and not obj.is_module:
        obj = obj.parent  # type: ignore[assignment]
    return obj


def _full_path(dotted: str, module: griffe.Object) -> str | None:
    """``dotted`` as the path of what its first name is bound to in ``module`` (an import or a definition)."""
    head, _, rest = dotted.partition(".")
    member = module.members.get(head)
    if member is None:
        return None
    target = member.target_path if member.is_alias else member.path  # type: ignore[union-attr]
    return f"{target}.{rest}" if rest else target


class _Public(ast.NodeTransformer):
    def __init__(self, module: griffe.Object, surface: Surface) -> None:
        self.module = module
        self.surface = surface

    def _named(self, node: ast.Name | ast.Attribute) -> ast.AST:
        full = _full_path(ast.unparse(node), self.module)
        found = self.surface.find(full) if full else None
        if found is None:
            return self.generic_visit(node) if isinstance(node, ast.Attribute) else node
        return ast.Name(id=found.path)

    def visit_Name(self, node: ast.Name) -> ast.AST:
        return self._named(node)

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        return self._named(node)


def public_spelling(text: str | None, symbol: Symbol, surface: Surface) -> str | None:
    """``text``, an annotation or a default written in ``symbol``'s module, with every name that reaches a symbol of
    ``surface`` written as that symbol's public path (``types.IntegerRGB`` → ``webcolors.IntegerRGB``); as written
    when it does not parse or names nothing of the packages."""
    module = _module(symbol.obj)
    if text is None or module is None:
        return text
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError:
        return text
    return ast.unparse(_Public(module, surface).visit(tree))


def same_returns(before: Symbol, old: Surface, after: Symbol, new: Surface) -> bool:
    """Both return annotations name the same type, once spelled by public paths."""
    return same_type(public_spelling(before.returns, before, old), public_spelling(after.returns, after, new))


def same_default(change: ParamChange, before: Symbol, old: Surface, after: Symbol, new: Surface) -> bool:
    """``change`` is a new default naming the same public object as the old one (``constants.CSS3`` → ``CSS3``)."""
    if change.change != "default" or change.default is None or change.old_default is None:
        return False
    return public_spelling(change.old_default, before, old) == public_spelling(change.default, after, new)
