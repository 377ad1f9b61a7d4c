"""The functions of a module a test can call: module-level functions and methods of module-level classes.

A nested function belongs to the function that defines it (a test reaches it only through that one).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from agentfleet.contracts import stable_hash

__all__ = ["FunctionSpan", "find_function", "functions_in", "owner_of"]

_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef)


@dataclass(frozen=True)
class FunctionSpan:
    """Where one callable function sits in its file."""

    qualname: str
    """``name`` or ``Class.name`` (``Outer.Inner.name`` for nested classes)."""
    start: int
    """First line, decorators included."""
    end: int
    """Last line."""
    def_line: int
    """The ``def`` line (what runs at import time)."""
    is_async: bool
    source_hash: str
    """Twelve hex characters of the function's text: a changed function is a new one."""

    @property
    def name(self) -> str:
        """The bare name."""
        return self.qualname.rsplit(".", 1)[-1]

    @property
    def owner_class(self) -> str | None:
        """The qualified class name for a method, ``None`` for a module-level function."""
        return self.qualname.rsplit(".", 1)[0] if "." in self.qualname else None

    def body_lines(self, lines: set[int]) -> set[int]:
        """``lines`` that lie in the function's body (the ``def`` line and decorators run at import)."""
        return {n for n in lines if self.def_line < n <= self.end}


def _span(node: ast.FunctionDef | ast.AsyncFunctionDef, qualname: str, lines: list[str]) -> FunctionSpan:
    start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
    end = node.end_lineno or node.lineno
    text = "\n".join(lines[start - 1 : end])
    return FunctionSpan(
        qualname, start, end, node.lineno, isinstance(node, ast.AsyncFunctionDef), stable_hash(text, length=12)
    )


def _walk(body: list[ast.stmt], prefix: str, lines: list[str]) -> list[FunctionSpan]:
    found = []
    for node in body:
        if isinstance(node, _DEFS):
            found.append(_span(node, prefix + node.name, lines))
        elif isinstance(node, ast.ClassDef):
            found += _walk(node.body, f"{prefix}{node.name}.", lines)
    return found


def functions_in(source: str) -> list[FunctionSpan]:
    """Every callable function of ``source`` in file order; ``SyntaxError`` when it does not parse."""
    return _walk(ast.parse(source).body, "", source.splitlines())


def owner_of(functions: list[FunctionSpan], line: int) -> FunctionSpan | None:
    """The function whose body holds ``line`` (the innermost when methods of nested classes overlap)."""
    holding = [f for f in functions if f.def_line < line <= f.end]
    return max(holding, key=lambda f: f.start) if holding else None


def find_function(source: str, qualname: str) -> FunctionSpan | None:
    """The function called ``qualname`` in ``source``, or ``None``."""
    return next((f for f in functions_in(source) if f.qualname == qualname), None)
