"""The test file as it lands in the repo: tests renamed ``test_<function>_<what>``, one import block, ruff-formatted.

A new file is the header, the imports and the tests. Tests for a file that exists are appended to it, and
the imports it lacks go (sorted among themselves) after its own leading imports: no line of that file changes,
so the diff only adds.
Formatting runs ``ruff`` on the host on our text only (ruff reads code, it never runs it).
"""

from __future__ import annotations

import ast
import json
import logging
import re
import subprocess
from collections.abc import Iterable

from ruff.__main__ import find_ruff_bin

from agentfleet.flow.fixers.tests.candidates import Candidate

__all__ = ["HEADER", "compose", "format_source", "lint_fixed", "test_name", "used_imports"]

log = logging.getLogger(__name__)

HEADER = (
    '"""Tests written by agentfleet for code no test ran (kept: passed every run, cover new lines, kill mutants)."""'
)
_SLUG = re.compile(r"[^0-9a-zA-Z]+")
_BUILTINS = {"__repr__": "repr", "__str__": "str", "__len__": "len", "__bool__": "bool", "__abs__": "abs"}
"""Dunder methods a test calls through their one-argument builtin."""


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def _what(func: ast.FunctionDef) -> str:
    """A few words for what the test checks: the exception it expects, else the value it asserts."""
    for node in ast.walk(func):
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "pytest.raises" and node.args:
            return "raises_" + _snake(ast.unparse(node.args[0]).rsplit(".", 1)[-1])
    for node in ast.walk(func):
        if isinstance(node, ast.Assert) and isinstance(node.test, ast.Compare):
            right = node.test.comparators[-1]
            if isinstance(node.test.ops[-1], ast.Is) and ast.unparse(right) == "None":
                return "returns_none"
            if isinstance(right, ast.Constant) and not isinstance(right.value, bytes):
                slug = _SLUG.sub("_", str(right.value)).strip("_")[:24].lower()
                return f"returns_{slug or 'empty'}"
            if isinstance(right, ast.Call) and ast.unparse(right.func) == "pytest.approx" and right.args:
                return "returns_" + (_SLUG.sub("_", ast.unparse(right.args[0])).strip("_")[:24] or "value")
    return "runs"


def test_name(function: str, candidate: Candidate, taken: set[str]) -> str:
    """``test_<function>_<what>``, unique among ``taken`` (which it joins)."""
    func = ast.parse(candidate.source).body[0]
    what = _what(func) if isinstance(func, ast.FunctionDef) else "runs"
    base = f"test_{re.sub(r'_+', '_', _snake(function).replace('.', '_')).strip('_')}_{what}"  # Use.__init__: use_init
    name, n = base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    taken.add(name)
    return name


def _renamed(candidate: Candidate, name: str, aliases: dict[str, str]) -> str:
    """The test named ``name``, reaching each module of ``aliases`` by the name the file already has for it."""
    tree = ast.parse(candidate.source)
    func = tree.body[0]
    assert isinstance(func, ast.FunctionDef)
    func.name = name
    for node in ast.walk(func):
        if isinstance(node, ast.Name) and node.id in aliases:
            node.id = aliases[node.id]
    return ast.unparse(_Builtins().visit(tree))


class _Builtins(ast.NodeTransformer):
    """``obj.__repr__()`` → ``repr(obj)``: a dunder method called by name, as a reviewer writes it."""

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in _BUILTINS and not node.args and not node.keywords:
            return ast.Call(func=ast.Name(_BUILTINS[func.attr], ast.Load()), args=[func.value], keywords=[])
        return node


def _aliases(imports: Iterable[str], have: dict[str, str]) -> dict[str, str]:
    """A module an import binds to an alias (Pynguin's ``import pkg.mod as mod_``) that the file already imports
    by its own name (``import pkg.mod``): alias → that name."""
    by_target = {target: bound for bound, target in have.items()}
    found = {}
    for line in imports:
        node = ast.parse(line).body[0]
        for alias in node.names if isinstance(node, ast.Import) else ():
            known = by_target.get(alias.name)
            if alias.asname and alias.asname not in have and known is not None:
                found[alias.asname] = known
    return found


def _ruff(args: list[str], text: str) -> str | None:
    """Ruff's stdout for ``args`` on ``text`` (isolated: the repo's config plays no part); ``None`` on failure."""
    argv = [find_ruff_bin(), *args[:1], "--isolated", *args[1:], "-"]
    try:
        done = subprocess.run(argv, input=text, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("tests writer: ruff %s failed (%s)", args[0], exc)
        return None
    return done.stdout if done.returncode in (0, 1) else None


def format_source(text: str) -> str:
    """``text`` with imports sorted into one block and ruff's formatting (unchanged if ruff fails)."""
    sorted_ = _ruff(["check", "--select", "I", "--fix", "--quiet"], text) or text
    return _ruff(["format"], sorted_) or sorted_


def lint_fixed(text: str, rules: list[str]) -> tuple[str, list[tuple[int, str]]]:
    """``text`` with ruff's fixes for ``rules`` applied (unsafe ones too: unused variables, lambdas), and the
    ``(line, code)`` of what is left."""
    select = ",".join(rules)
    fixed = _ruff(["check", "--select", select, "--fix", "--unsafe-fixes", "--quiet"], text) or text
    report = _ruff(["check", "--select", select, "--output-format", "json"], fixed)
    rows = json.loads(report or "[]")
    return fixed, [(int(r["location"]["row"]), str(r["code"])) for r in rows if isinstance(r, dict)]


def _import_end(tree: ast.Module) -> int:
    """The last line of the file's leading docstring and imports (0 when it starts with code)."""
    end = 0
    for node in tree.body:
        docstring = isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and end == 0
        if not (isinstance(node, ast.Import | ast.ImportFrom) or docstring):
            break
        end = node.end_lineno or end
    return end


def _bound(line: str) -> list[str]:
    """The names an import line binds."""
    node = ast.parse(line).body[0]
    if isinstance(node, ast.Import):
        return [a.asname or a.name.split(".", 1)[0] for a in node.names]
    return [a.asname or a.name for a in node.names] if isinstance(node, ast.ImportFrom) else []


def _bindings(nodes: Iterable[ast.stmt]) -> dict[str, str]:
    """Each name the import statements bind → what it is bound to (``from m import a as b``: ``b`` → ``m.a``):
    ``from m import (a, b)`` already holds ``from m import b``."""
    found: dict[str, str] = {}
    for node in nodes:
        if isinstance(node, ast.Import):  # ``import a.b`` is kept whole: ``import a.c`` does not import it
            found |= {a.asname or a.name: a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            found |= {a.asname or a.name: f"{'.' * node.level}{node.module or ''}.{a.name}" for a in node.names}
    return found


def used_imports(imports: Iterable[str], bodies: list[str]) -> list[str]:
    """The import lines (``import pytest`` added) whose names the test bodies use as names, each once."""
    used = {n.id for body in bodies for n in ast.walk(ast.parse(body)) if isinstance(n, ast.Name)}
    lines = dict.fromkeys(["import pytest", *imports])
    return [i for i in lines if any(n in used for n in _bound(i))]


def _beside(tree: ast.Module, end: int, line: str) -> int | None:
    """Where ``from m import x`` goes in a file that imports one name a line from ``m``: the index of the line it
    goes before, in name order (``None`` when the file has no such import: it goes after the imports)."""
    new = ast.parse(line).body[0]
    if not isinstance(new, ast.ImportFrom) or len(new.names) != 1:
        return None
    same = [
        n
        for n in tree.body
        if isinstance(n, ast.ImportFrom)
        and (n.module, n.level) == (new.module, new.level)
        and len(n.names) == 1
        and n.lineno == (n.end_lineno or 0) <= end
    ]
    later = [n for n in same if n.names[0].name > new.names[0].name]
    return later[0].lineno - 1 if later else same[-1].lineno if same else None


def compose(existing: str | None, imports: Iterable[str], tests: list[tuple[str, Candidate]]) -> str:
    """The test file: ``existing`` (or a new file) with ``tests`` (new name, candidate) and their imports."""
    tree = ast.parse(existing or "")
    have = _bindings(n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom))
    aliases = _aliases(imports, have)
    bodies = [_renamed(candidate, name, aliases) for name, candidate in tests]
    needed = used_imports(imports, bodies)
    if existing is None:
        return format_source("\n".join([HEADER, "", *needed, "", "", "\n\n\n".join(bodies)]) + "\n")
    missing = [i for i in needed if not _bindings(ast.parse(i).body).items() <= have.items()]
    lines = existing.splitlines()
    end = _import_end(tree)
    placed: dict[int, list[str]] = {}
    for line in missing:
        at = _beside(tree, end, line)
        if at is not None:
            placed.setdefault(at, []).append(line)
    rest = [line for line in missing if all(line not in group for group in placed.values())]
    added = format_source("\n".join(rest) + "\n").strip("\n") if rest else ""
    kept = [text for i, line in enumerate(lines[:end]) for text in (*placed.get(i, ()), line)] + placed.get(end, [])
    head = "\n".join([*kept, *([added] if added else [])])
    tests_text = format_source("\n\n\n".join(bodies) + "\n")
    return "\n".join([head, *lines[end:]]).rstrip("\n") + "\n\n\n" + tests_text.strip("\n") + "\n"
