"""Rewriting a file fast: rebuild only the nodes on the path to each edit and reprint only the statement
the edit is in, spliced into the original text (a 2,600-line file costs a statement, not the file).

A statement is reprinted with the indentation of the blocks around it, then checked: its original
reprinted the same way must be exactly the text at its place in the file, or the splice falls back to
reprinting the whole top-level statement (and, failing that, the module). The analyses that judge a
candidate get the changed functions before and after (``Rewrite.chunks``), not the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import cached_property
from itertools import accumulate
from typing import Any

import libcst as cst

# libcst prints a node only at indentation zero through its public API; its code generator takes the
# indentation of the enclosing blocks as state. Every splice is checked against the file's own text.
from libcst._nodes.internal import CodegenState

__all__ = ["Rewrite", "Splicer"]

_STATEMENTS = (cst.SimpleStatementLine, cst.BaseCompoundStatement)


@dataclass(frozen=True)
class Rewrite:
    """The new text of a file and, for the analyses, each changed function (else top-level statement) before
    and after, printed on its own."""

    text: str
    chunks: tuple[tuple[str, str], ...]
    places: tuple[int, ...] = (0,)
    """Where each chunk starts in the file (its first line; 0: the chunk is the whole file): two chunks of
    the same text in different places (a method two classes spell alike) are different patches."""


def rebuilt(node: cst.CSTNode, table: Mapping[cst.CSTNode, cst.CSTNode], on_path: set[int]) -> cst.CSTNode:
    """``node`` with the replacements of ``table`` made, rebuilding only the nodes on a path to one."""
    if node in table:
        return table[node]
    if id(node) not in on_path:
        return node
    changes: dict[str, Any] = {}
    for field in fields(node):
        value = getattr(node, field.name)
        if isinstance(value, cst.CSTNode):
            new = rebuilt(value, table, on_path)
            if new is not value:
                changes[field.name] = new
        elif isinstance(value, list | tuple) and any(id(v) in on_path for v in value if isinstance(v, cst.CSTNode)):
            changes[field.name] = type(value)(
                rebuilt(v, table, on_path) if isinstance(v, cst.CSTNode) else v for v in value
            )
    return node.with_changes(**changes) if changes else node


class Splicer:
    """Rewrites one parsed file."""

    def __init__(
        self, module: cst.Module, text: str, parents: Mapping[cst.CSTNode, cst.CSTNode], positions: Any
    ) -> None:
        self.module = module
        self.text = text
        self.parents = parents
        self.positions = positions

    @cached_property
    def _parts(self) -> tuple[str, tuple[str, ...], str] | None:
        """The text as (header, one text per top-level statement, footer); ``None`` if it does not split so."""
        module = self.module
        texts = tuple(module.code_for_node(stmt) for stmt in module.body)
        head = "".join(module.code_for_node(line) for line in module.header)
        foot = "".join(module.code_for_node(line) for line in module.footer)
        return (head, texts, foot) if head + "".join(texts) + foot == self.text else None

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0, *accumulate(len(line) for line in self.text.splitlines(keepends=True))]

    def _ancestors(self, node: cst.CSTNode) -> list[cst.CSTNode]:
        found = []
        current = self.parents.get(node)
        while current is not None:
            found.append(current)
            current = self.parents.get(current)
        return found

    def _render(self, node: cst.CSTNode, indents: list[str]) -> str:
        state = CodegenState(default_indent=self.module.default_indent, default_newline=self.module.default_newline)
        state.indent_tokens.extend(indents)
        node._codegen(state)
        return "".join(state.tokens)

    def _statement_splice(self, stmt: cst.CSTNode, new: cst.CSTNode) -> tuple[int, int, str] | None:
        """``(start, end, text)`` replacing ``stmt`` in the file by ``new``; ``None`` when that cannot be checked."""
        blocks = [a for a in reversed(self._ancestors(stmt)) if isinstance(a, cst.IndentedBlock)]
        indents = [b.indent if b.indent is not None else self.module.default_indent for b in blocks]
        before = self._render(stmt, indents)
        leading = len(getattr(stmt, "leading_lines", ()))
        line = self.positions[stmt].start.line - leading
        if line < 1 or line >= len(self._line_starts):
            return None
        start = self._line_starts[line - 1]
        if self.text[start : start + len(before)] != before:
            return None
        return start, start + len(before), self._render(new, indents)

    def rewrite(self, table: Mapping[cst.CSTNode, cst.CSTNode]) -> Rewrite:
        """The file with every replacement of ``table`` made (their nodes must not nest)."""
        on_path: set[int] = set()
        for old in table:
            on_path.update(id(n) for n in [old, *self._ancestors(old)])
        parts = self._parts
        if parts is None or self.module in table:
            text = rebuilt(self.module, table, on_path).code  # type: ignore[attr-defined]
            return Rewrite(text, ((self.text, text),), (0,))
        head, _, _ = parts
        offsets = list(accumulate((len(t) for t in parts[1]), initial=len(head)))
        splices = []
        for i, top in enumerate(self.module.body):
            if id(top) not in on_path:
                continue
            found = self._splices(top, table, on_path)
            if found is None:
                found = [(offsets[i], offsets[i + 1], self.module.code_for_node(rebuilt(top, table, on_path)))]
            splices += found
        text = self.text
        for start, end, new in sorted(splices, reverse=True):
            text = text[:start] + new + text[end:]
        chunks = self._chunks(table, on_path)
        return Rewrite(text, tuple(chunk for _, chunk in chunks), tuple(place for place, _ in chunks))

    def _chunks(self, table: Mapping[cst.CSTNode, cst.CSTNode], on_path: set[int]) -> list[tuple[int, tuple[str, str]]]:
        """Each changed outermost function (else top-level statement), printed alone before and after, with the
        line it starts on, in file order."""
        found: dict[int, tuple[int, tuple[str, str]]] = {}
        for old in table:
            ancestors = self._ancestors(old)
            functions = [a for a in [old, *ancestors] if isinstance(a, cst.FunctionDef)]
            node = functions[-1] if functions else ([old, *ancestors][-2] if ancestors else old)
            if id(node) not in found:
                after = self.module.code_for_node(rebuilt(node, table, on_path))
                found[id(node)] = (self.positions[node].start.line, (self._alone(node), after))
        return sorted(found.values())

    def _alone(self, node: cst.CSTNode) -> str:
        if node not in self._printed:
            self._printed[node] = self.module.code_for_node(node)
        return self._printed[node]

    @cached_property
    def _printed(self) -> dict[cst.CSTNode, str]:
        return {}

    def _splices(
        self, top: cst.CSTNode, table: Mapping[cst.CSTNode, cst.CSTNode], on_path: set[int]
    ) -> list[tuple[int, int, str]] | None:
        """One splice per outermost statement under ``top`` that holds an edit; ``None`` to reprint ``top``."""
        statements = []
        for old in table:
            holder = next((a for a in [old, *self._ancestors(old)] if isinstance(a, _STATEMENTS)), None)
            if holder is None or holder is top or not any(a is top for a in self._ancestors(holder)):
                return None
            statements.append(holder)
        outermost = [s for s in statements if not any(a in statements for a in self._ancestors(s))]
        found = []
        for stmt in dict.fromkeys(outermost):
            splice = self._statement_splice(stmt, rebuilt(stmt, table, on_path))
            if splice is None:
                return None
            found.append(splice)
        return found
