"""Edits to Python files stay inside docstrings: libcst finds every docstring literal's exact span, and an edit
that would touch anything else is refused (the gate proves the same again, on the AST)."""

from __future__ import annotations

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from agentfleet.flow.monitors.docs_drift.issues import Edit

__all__ = ["docstring_spans", "inside_docstrings"]


class _Docstrings(cst.CSTVisitor):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self) -> None:
        self.ranges: list[CodeRange] = []

    def _first(self, body: object) -> None:
        statements = getattr(body, "body", body)
        if not isinstance(statements, list | tuple) or not statements:
            return
        first = statements[0]
        if isinstance(first, cst.SimpleStatementLine) and isinstance(first.body[0], cst.Expr):
            value = first.body[0].value
            if isinstance(value, cst.SimpleString | cst.ConcatenatedString):
                self.ranges.append(self.get_metadata(PositionProvider, value))

    def visit_Module(self, node: cst.Module) -> None:
        self._first(node.body)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._first(node.body)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._first(node.body)


def docstring_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` character offsets of every module, class and function docstring literal in ``text``."""
    visitor = _Docstrings()
    MetadataWrapper(cst.parse_module(text)).visit(visitor)
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    return [(starts[r.start.line - 1] + r.start.column, starts[r.end.line - 1] + r.end.column) for r in visitor.ranges]


def inside_docstrings(text: str, edits: list[Edit]) -> bool:
    """Every edit falls inside one docstring literal of ``text`` (``False`` too when ``text`` does not parse)."""
    try:
        spans = docstring_spans(text)
    except cst.ParserSyntaxError:
        return False
    return all(any(start <= e.start and e.end <= end for start, end in spans) for e in edits)
