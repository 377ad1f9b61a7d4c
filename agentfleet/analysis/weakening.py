"""Test weakening: deleted tests, fewer assertions, new skip/xfail markers.

Tests are ``test*`` functions (module level or in a class); assertions are ``assert`` statements
(not of a constant), ``assert*`` method calls and ``raises``/``warns`` context managers.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from dataclasses import dataclass

from agentfleet.analysis._syntax import is_literal, parse
from agentfleet.analysis.violations import Violation

__all__ = ["weakened_tests"]

RULE = "test-weakened"
_SKIPS = frozenset({"skip", "skipif", "xfail", "skipIf", "skipUnless", "expectedFailure", "skipTest", "importorskip"})
_RAISES = frozenset({"raises", "warns", "deprecated_call"})
_MODULE = "<module>"


@dataclass
class _Test:
    line: int
    asserts: int = 0
    skips: int = 0


def _last_name(node: ast.expr) -> str:
    target = node.func if isinstance(node, ast.Call) else node
    if isinstance(target, ast.Attribute):
        return target.attr
    return target.id if isinstance(target, ast.Name) else ""


def _count(nodes: Sequence[ast.AST], test: _Test) -> None:
    for root in nodes:
        for node in ast.walk(root):
            if isinstance(node, ast.Assert) and not is_literal(node.test):
                test.asserts += 1
            elif isinstance(node, ast.Call):
                name = _last_name(node)
                test.asserts += name.startswith("assert") or name in _RAISES
            elif isinstance(node, ast.Attribute | ast.Name):
                test.skips += _last_name(node) in _SKIPS


def _skips(decorators: list[ast.expr]) -> int:
    return sum(_last_name(d) in _SKIPS for d in decorators)


def _tests(tree: ast.Module) -> dict[str, _Test]:
    found = {_MODULE: _Test(line=1)}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            _count([node], found[_MODULE])
        classes = [node] if isinstance(node, ast.ClassDef) else []
        functions = [(node, "", 0)] if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) else []
        for cls in classes:
            functions += [
                (item, f"{cls.name}.", _skips(cls.decorator_list))
                for item in cls.body
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
            ]
        for func, prefix, inherited in functions:
            if func.name.startswith("test"):
                test = found[prefix + func.name] = _Test(func.lineno, skips=inherited + _skips(func.decorator_list))
                _count(func.body, test)
    return found


def weakened_tests(before: str | None, after: str | None, path: str) -> list[Violation]:
    """How the test file ``path`` got weaker from ``before`` to ``after`` (``None``: absent)."""
    if before is None:
        return []
    old = _tests(parse(before, path))
    new = _tests(parse(after, path)) if after is not None else {}
    problems = []
    for name, was in old.items():
        now = new.get(name)
        if now is None:
            if name != _MODULE:
                problems.append(Violation(RULE, path, was.line, f"test {name} was deleted"))
            continue
        if now.asserts < was.asserts:
            problems.append(Violation(RULE, path, now.line, f"{name}: assertions {was.asserts} -> {now.asserts}"))
        if now.skips > was.skips:
            problems.append(Violation(RULE, path, now.line, f"{name}: new skip/xfail marker"))
    return problems
