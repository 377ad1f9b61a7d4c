"""A parsed source file with positions, parents and scopes, and the edits templates propose on it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeVar

import libcst as cst
from libcst.metadata import (
    Assignment,
    FunctionScope,
    MetadataWrapper,
    ParentNodeProvider,
    PositionProvider,
    ScopeProvider,
)

from agentfleet.flow.fixers.repair.precedence import fit, parenthesize
from agentfleet.flow.fixers.repair.splice import Rewrite, Splicer

__all__ = ["Edit", "Site", "SourceFile"]

N = TypeVar("N", bound=cst.CSTNode)
_STATEMENTS = (cst.SimpleStatementLine, cst.BaseCompoundStatement)


@dataclass(frozen=True)
class Edit:
    """Replace ``old`` (a node of the file's tree) with ``new``; ``tier`` orders the search (1 first)."""

    old: cst.CSTNode
    new: cst.CSTNode
    template: str
    tier: int = 1


class SourceFile:
    """One Python file parsed with libcst; edits keep every untouched byte as it was."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        wrapper = MetadataWrapper(cst.parse_module(text))
        self.module = wrapper.module
        self._wrapper = wrapper
        self.positions = wrapper.resolve(PositionProvider)
        self.parents = wrapper.resolve(ParentNodeProvider)
        self._by_line: dict[int, list[cst.CSTNode]] = defaultdict(list)
        for node, where in self.positions.items():
            self._by_line[where.start.line].append(node)

    @cached_property
    def scopes(self) -> dict[cst.CSTNode, Any]:
        """Scope of every node (resolved on first use: only some templates need it)."""
        return dict(self._wrapper.resolve(ScopeProvider))

    def nodes_on(self, line: int) -> list[cst.CSTNode]:
        """Nodes that start on ``line``, outermost first."""
        return self._by_line.get(line, [])[::-1]

    def statement_at(self, line: int) -> cst.CSTNode | None:
        """The statement that starts on ``line`` (the innermost one when several do)."""
        found = [node for node in self.nodes_on(line) if isinstance(node, _STATEMENTS)]
        return found[-1] if found else None

    def enclosing(self, node: cst.CSTNode, *types: type[cst.CSTNode]) -> cst.CSTNode | None:
        """The nearest ancestor of ``node`` of one of ``types``."""
        current = self.parents.get(node)
        while current is not None and not isinstance(current, types):
            current = self.parents.get(current)
        return current

    def parent(self, node: cst.CSTNode) -> cst.CSTNode | None:
        """The direct parent of ``node``."""
        return self.parents.get(node)

    def apply(self, edit: Edit) -> str:
        """The file's text with ``edit`` applied (bracketed by precedence where it lands)."""
        return self.apply_all([edit])

    def apply_all(self, edits: Sequence[Edit]) -> str:
        """The file's text with every edit applied at once (their ``old`` nodes must not nest)."""
        return self.rewrite(edits).text

    def rewrite(self, edits: Sequence[Edit]) -> Rewrite:
        """``apply_all``, with the changed top-level statements before and after (for the analyses)."""
        table = {e.old: fit(self.parents.get(e.old), e.old, parenthesize(e.new, self.positions)) for e in edits}
        return self._splicer.rewrite(table)

    @cached_property
    def _splicer(self) -> Splicer:
        return Splicer(self.module, self.text, self.parents, self.positions)


@dataclass
class Site:
    """A suspicious line of a file: what templates look at."""

    src: SourceFile
    line: int

    @cached_property
    def nodes(self) -> list[cst.CSTNode]:
        """Nodes starting on the line, outermost first (empty when the line starts none)."""
        return self.src.nodes_on(self.line)

    @cached_property
    def statement(self) -> cst.CSTNode | None:
        """The statement starting on the line."""
        return self.src.statement_at(self.line)

    @cached_property
    def function(self) -> cst.FunctionDef | None:
        """The function the line is in."""
        anchor = self.statement or (self.nodes[0] if self.nodes else None)
        if isinstance(anchor, cst.FunctionDef):
            return anchor
        found = self.src.enclosing(anchor, cst.FunctionDef) if anchor is not None else None
        return found if isinstance(found, cst.FunctionDef) else None

    def of_type(self, kind: type[N]) -> list[N]:
        """Nodes on the line of type ``kind``, outermost first."""
        return [node for node in self.nodes if isinstance(node, kind)]

    def is_local(self, name: cst.Name) -> bool:
        """``name`` reads a parameter or a variable assigned in its own function."""
        scope = self.src.scopes.get(name)
        if not isinstance(scope, FunctionScope):
            return False
        referents = [r for access in scope.accesses[name] for r in access.referents]
        return bool(referents) and all(isinstance(r, Assignment) and r.scope is scope for r in referents)
