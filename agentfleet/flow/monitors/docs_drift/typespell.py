"""Annotations compared by the type they name, not by their spelling.

A release that moves from ``import typing as _t`` and ``_t.Tuple[bool, _t.Any]`` to ``tuple[bool, t.Any]``,
``Optional[X]`` to ``X | None`` or ``typing.Iterator`` to ``collections.abc.Iterator`` changes no API a doc
describes. Both annotations are parsed and brought to one form: ``typing``'s and ``collections.abc``'s names
without the module (whatever it is imported as), their capitalised generics as the builtins, every union as
the set of its members. An annotation that does not parse is compared as written.
"""

from __future__ import annotations

import ast
import collections.abc
import typing

__all__ = ["same_type"]

_BUILTIN_GENERICS = {"List": "list", "Dict": "dict", "Tuple": "tuple", "Set": "set", "FrozenSet": "frozenset"}
_BUILTIN_GENERICS |= {"Type": "type"}
_TYPING_NAMES = frozenset(typing.__all__) | frozenset(collections.abc.__all__)


def same_type(before: str | None, after: str | None) -> bool:
    """Whether two annotations name the same type (``None``, no annotation, matches only itself)."""
    if before == after or before is None or after is None:
        return before == after
    return _canonical(before) == _canonical(after)


def _canonical(text: str) -> str:
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError:
        return text
    return ast.dump(_Canon().visit(tree))


class _Canon(ast.NodeTransformer):
    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        if node.attr in _TYPING_NAMES and isinstance(node.value, ast.Name | ast.Attribute):
            return self.visit_Name(ast.Name(id=node.attr))
        return self.generic_visit(node)

    def visit_Name(self, node: ast.Name) -> ast.AST:
        return ast.Name(id=_BUILTIN_GENERICS.get(node.id, node.id))

    def visit_Subscript(self, node: ast.Subscript) -> ast.AST:
        node = typing.cast(ast.Subscript, self.generic_visit(node))
        name = node.value.id if isinstance(node.value, ast.Name) else ""
        if name == "Optional":
            return _union([node.slice, ast.Constant(value=None)])
        if name == "Union":
            return _union(node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice])
        return node

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        node = typing.cast(ast.BinOp, self.generic_visit(node))
        if isinstance(node.op, ast.BitOr):
            return _union([node.left, node.right])
        return node


def _union(members: list[ast.expr]) -> ast.expr:
    """One form for every union of these members: nested unions flattened, order and repeats ignored."""
    flat: dict[str, ast.expr] = {}
    for member in members:
        inner = member.args if isinstance(member, ast.Call) and _is_union(member) else [member]
        flat |= {ast.dump(m): m for m in inner}
    return ast.Call(func=ast.Name(id="<union>"), args=[flat[k] for k in sorted(flat)], keywords=[])


def _is_union(node: ast.Call) -> bool:
    return isinstance(node.func, ast.Name) and node.func.id == "<union>"
