"""What the wider templates ask beyond a line: names in scope, free names of an expression, nodes of a
kind in a function or a file, and where a function's body starts after its docstring and guards."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TypeVar

import libcst as cst
from libcst.metadata import Assignment, FunctionScope

from agentfleet.flow.fixers.repair.source import Site, SourceFile

__all__ = [
    "VariableVisitor",
    "after_guards",
    "annotation_base",
    "code",
    "file_functions",
    "free_names",
    "is_docstring",
    "local_names",
    "nodes_in",
    "resolvable",
]

N = TypeVar("N", bound=cst.CSTNode)
_EMPTY = cst.Module([])


def code(node: cst.CSTNode) -> str:
    """The source text of ``node`` on its own."""
    return _EMPTY.code_for_node(node)


def annotation_base(annotation: cst.Annotation | None) -> str:
    """An annotation's type without its parameters (``dict[str, int]`` → ``dict``; none: ``""``)."""
    return code(annotation.annotation).split("[", 1)[0].strip() if annotation is not None else ""


def is_docstring(stmt: cst.CSTNode) -> bool:
    """A bare string statement (a docstring where it leads a body)."""
    return (
        isinstance(stmt, cst.SimpleStatementLine)
        and isinstance(stmt.body[0], cst.Expr)
        and isinstance(stmt.body[0].value, cst.SimpleString | cst.ConcatenatedString)
    )


def _is_guard(stmt: cst.CSTNode) -> bool:
    """``assert ...`` or an ``if`` (no ``else``) whose body ends by returning or raising."""
    if isinstance(stmt, cst.SimpleStatementLine):
        return all(isinstance(small, cst.Assert) for small in stmt.body)
    if not isinstance(stmt, cst.If) or stmt.orelse is not None or not isinstance(stmt.body, cst.IndentedBlock):
        return False
    last = stmt.body.body[-1]
    return isinstance(last, cst.SimpleStatementLine) and isinstance(last.body[-1], cst.Return | cst.Raise)


def after_guards(body: Sequence[cst.BaseStatement]) -> int:
    """Index of the first statement of ``body`` after its docstring and guard clauses."""
    start = 1 if body and is_docstring(body[0]) else 0
    while start < len(body) - 1 and _is_guard(body[start]):
        start += 1
    return start


class _Nodes(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[cst.CSTNode] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.found.append(node)
        return True


@lru_cache(maxsize=1024)
def _descendants(root: cst.CSTNode) -> tuple[cst.CSTNode, ...]:
    collector = _Nodes()
    root.visit(collector)
    return tuple(collector.found)


def nodes_in(root: cst.CSTNode, kind: type[N]) -> list[N]:
    """Every node of ``kind`` under ``root`` (``root`` included), in source order (one walk per root)."""
    return [node for node in _descendants(root) if isinstance(node, kind)]


@lru_cache(maxsize=16)
def file_functions(src: SourceFile) -> tuple[cst.FunctionDef, ...]:
    """Every function of the file, methods and nested ones included."""
    return tuple(nodes_in(src.module, cst.FunctionDef))


class VariableVisitor(cst.CSTVisitor):
    """Visits the variables of a tree: an attribute's name and a keyword argument's name are not visited."""

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        node.value.visit(self)
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        node.value.visit(self)
        return False


class _Free(VariableVisitor):
    """Names an expression reads, minus those it binds itself (lambda parameters, comprehension targets)."""

    def __init__(self) -> None:
        super().__init__()
        self.read: set[str] = set()
        self.bound: set[str] = set()

    def visit_Param(self, node: cst.Param) -> bool:
        self.bound.add(node.name.value)
        return False

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self.bound.update(n.value for n in nodes_in(node.target, cst.Name))

    def visit_Name(self, node: cst.Name) -> None:
        self.read.add(node.value)


@lru_cache(maxsize=4096)
def free_names(node: cst.CSTNode) -> frozenset[str]:
    """Names ``node`` reads from its surroundings."""
    collector = _Free()
    node.visit(collector)
    return frozenset(collector.read - collector.bound - {"True", "False", "None"})


def resolvable(site: Site, node: cst.CSTNode) -> bool:
    """Every free name of ``node`` means something at ``site`` (a local, a global or a builtin)."""
    anchor = site.statement or (site.nodes[0] if site.nodes else None)
    scope = site.src.scopes.get(anchor) if anchor is not None else None
    return scope is not None and all(name in scope for name in free_names(node))


def local_names(site: Site) -> list[str]:
    """Parameters and variables of the site's function, in order of appearance (``self`` left out)."""
    function = site.function
    first = function.body.body[0] if function is not None and function.body.body else None
    scope = site.src.scopes.get(first) if first is not None else None
    if not isinstance(scope, FunctionScope):
        return []
    names = [
        a.name
        for a in scope.assignments
        if isinstance(a, Assignment) and not isinstance(a.node, cst.FunctionDef | cst.ClassDef | cst.Import)
    ]
    return [n for n in dict.fromkeys(names) if n not in ("self", "cls")]
