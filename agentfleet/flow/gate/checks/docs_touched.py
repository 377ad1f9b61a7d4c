"""What a docs patch's claimed changes may name (``docs_claims_judge``): the work item's drift — its symbols, their
changed parameters and old names — and the definitions the commits in its range changed (a function or class whose
lines a hunk touches, and those around it), read from each changed Python file's text before and after the range."""

from __future__ import annotations

import ast
import difflib
from collections.abc import Callable, Iterable

from agentfleet.contracts import SyncDocs

__all__ = ["changed_definitions", "drift_names", "touched_names"]


def changed_definitions(before: str, after: str) -> set[str]:
    """The names of the functions and classes of ``after`` whose lines differ from ``before`` (with those they are
    nested in); a definition deleted from ``before`` counts by its name too."""
    lines = set()
    matcher = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines(), autojunk=False)
    for tag, _, _, b1, b2 in matcher.get_opcodes():
        if tag != "equal":
            lines |= set(range(b1 + 1, max(b2, b1 + 1) + 1))
    return _defined(after, lines) | (_defined(before, None) - _defined(after, None))


def _defined(source: str, lines: set[int] | None) -> set[str]:
    """Names of the definitions in ``source`` that span one of ``lines`` (``None``: every one)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return set()
    return {
        n.name
        for n in ast.walk(tree)
        if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        and (lines is None or any(n.lineno <= line <= (n.end_lineno or n.lineno) for line in lines))
    }


def drift_names(item: SyncDocs) -> set[str]:
    """Every part of the item's symbols and changed API paths, and the changed parameters' names, old and new."""
    names = {part for s in item.symbols for part in s.split(".")}
    for change in item.changes:
        names |= set(change.symbol.split(".")) | {p.name for p in change.params}
        names |= {p.old_name for p in change.params if p.old_name}
    return names


def touched_names(paths: Iterable[str], before: Callable[[str], str], after: Callable[[str], str]) -> set[str]:
    """The definitions the range changed in the Python files ``paths`` (``before``/``after``: a file's text at the
    range's ends, ``""`` when absent)."""
    return {name for p in paths if p.endswith(".py") for name in changed_definitions(before(p), after(p))}
