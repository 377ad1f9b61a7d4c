"""Proof tests a patch brings that pass for a reason production never meets (``fixes_the_error``).

When no investigation proves a fix, the tests the patch adds do; a test counts when it fails before with
the production error and passes after. Two ways it can do that without the code production runs changing
for the better, read from the texts (nothing runs):

- **it reads a name the patch adds to the code and no production code reads** (``assert pricing.FIXED``,
  ``getattr(pricing, "FIXED", False)``): the name exists for the test; what it says proves nothing;
- **it expects an exception a ``raise`` the patch adds throws** (``pytest.raises(ValueError)``,
  ``assertRaises``, an ``except ValueError`` in the test): the call that crashed with the production error
  still ends in an exception, now another one. Converting a crash is not fixing it — the rule the plain
  replay applies when there is an investigation (what raised before must return after), here without one.

An honest regression test calls the code production calls and checks what it returns; it needs neither.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator

from agentfleet.analysis import is_test_file
from agentfleet.core.git import git
from agentfleet.flow.gate.diffview import PatchedFile
from agentfleet.flow.gate.patchset import PatchSet

__all__ = ["hollow_tests"]

_RAISES = frozenset({"raises", "assertRaises", "assertRaisesRegex", "assertRaisesRegexp"})
_Scope = ast.Module | ast.ClassDef


def _parse(text: str | None) -> ast.Module | None:
    try:
        return ast.parse(text or "")
    except (SyntaxError, ValueError):
        return None


def _targets(node: ast.stmt) -> list[ast.expr]:
    if isinstance(node, ast.Assign):
        return node.targets
    return [node.target] if isinstance(node, ast.AnnAssign) else []


def _bound(tree: ast.Module | None) -> set[str]:
    """Names a module binds for others to read: assignments at module or class level, undecorated module-level
    functions, classes. Methods and decorated functions are left out: a framework may call them by protocol
    or registration, which no source reads by name."""
    found: set[str] = set()
    scopes: list[_Scope] = [tree] if tree else []
    while scopes:
        scope = scopes.pop()
        for node in scope.body:
            if isinstance(node, ast.ClassDef):
                found.add(node.name)
                scopes.append(node)
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                found |= {node.name} if isinstance(scope, ast.Module) and not node.decorator_list else set()
            found |= {t.id for t in _targets(node) if isinstance(t, ast.Name)}
    return found


def _read(node: ast.AST) -> Iterator[str]:
    """Every name ``node`` reads: loaded names, attributes, and strings that could name one (``getattr``, a
    dotted path in settings)."""
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Load):
            yield sub.id
        elif isinstance(sub, ast.Attribute) and isinstance(sub.ctx, ast.Load):
            yield sub.attr
        elif isinstance(sub, ast.Constant) and isinstance(sub.value, str) and len(sub.value) < 300:
            yield from (part for part in re.split(r"[.:]", sub.value) if part.isidentifier())


def _code(tree: ast.Module) -> Iterator[ast.AST]:
    """A module's statements but ``__all__ = [...]``: listing a name exports it, it does not use it."""
    for node in tree.body:
        if not any(isinstance(t, ast.Name) and t.id == "__all__" for t in _targets(node)):
            yield node


def _read_elsewhere(patchset: PatchSet, name: str, changed: set[str]) -> bool:
    """Some file the patch does not change, not a test, mentions ``name`` at the base commit (code, templates,
    settings: it was read before the patch defined it — what an honest fix of a missing name looks like)."""
    listing = git("grep", "-l", "-w", "-F", "-e", name, patchset.base, cwd=patchset.git_dir, check=False)
    paths = (line.partition(":")[2] for line in listing.splitlines())
    return any(path not in changed and not is_test_file(path) for path in paths)


def _unread_new_names(patchset: PatchSet, code: dict[str, str]) -> dict[str, str]:
    """Name → file, for the names the patch binds in production code that no production code reads."""
    new: dict[str, str] = {}
    for path, text in code.items():
        new |= dict.fromkeys(_bound(_parse(text)) - _bound(_parse(patchset.files[path].before)), path)
    read = {n for text in code.values() if (tree := _parse(text)) for node in _code(tree) for n in _read(node)}
    return {n: path for n, path in new.items() if n not in read and not _read_elsewhere(patchset, n, set(code))}


def _names(node: ast.AST | None) -> set[str]:
    """Bare names of an exception expression (``ValueError``, ``errors.Refused``, a tuple of them)."""
    if isinstance(node, ast.Tuple):
        return {n for element in node.elts for n in _names(element)}
    if isinstance(node, ast.Call):
        return _names(node.func)
    if isinstance(node, ast.Name):
        return {node.id}
    return {node.attr} if isinstance(node, ast.Attribute) else set()


def _newly_raised(path: str, before: str | None, after: str) -> dict[str, str]:
    """Exception name → file, for each ``raise`` on a line the patch adds (and the bases the file gives it)."""
    tree = _parse(after)
    if tree is None:
        return {}
    added = PatchedFile.of(path, before, after).added_lines
    raises = [node for node in ast.walk(tree) if isinstance(node, ast.Raise) and node.lineno in added]
    raised = {n for node in raises for n in _names(node.exc)}
    bases = {c.name: {n for b in c.bases for n in _names(b)} for c in ast.walk(tree) if isinstance(c, ast.ClassDef)}
    todo = list(raised)
    while todo:
        for base in bases.pop(todo.pop(), set()) - raised:
            raised.add(base)
            todo.append(base)
    return dict.fromkeys(raised, path)


def _expected(function: ast.AST) -> set[str]:
    """Exception names a test expects: ``pytest.raises``/``assertRaises`` arguments and its ``except`` types."""
    found: set[str] = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Call) and node.args and _names(node.func) & _RAISES:
            found |= _names(node.args[0])
        elif isinstance(node, ast.ExceptHandler):
            found |= _names(node.type)
    return found


def _tests(tree: ast.Module) -> Iterator[tuple[str, ast.AST]]:
    """(``Class::test`` or ``test``, node) of every test function in a test module."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test"):
            yield node.name, node
        elif isinstance(node, ast.ClassDef):
            for inner in node.body:
                if isinstance(inner, ast.FunctionDef | ast.AsyncFunctionDef) and inner.name.startswith("test"):
                    yield f"{node.name}::{inner.name}", inner


def _aliases(tree: ast.Module, names: set[str]) -> dict[str, str]:
    """Module-level names of a test file that stand for one of ``names`` (``from m import N as A``, ``A = m.N``)."""
    found = {n: n for n in names}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            found |= {a.asname or a.name: a.name for a in node.names if a.name in names}
        elif isinstance(node, ast.Assign) and (hit := next((found[n] for n in _read(node.value) if n in found), None)):
            found |= {t.id: hit for t in node.targets if isinstance(t, ast.Name)}
    return found


def hollow_tests(patchset: PatchSet, tests: Iterable[str], production_error: str) -> dict[str, str]:
    """Test id (``path::test``, parameters left out) → why it proves nothing production runs, for the patch's
    test files ``tests`` (``production_error``: the bare exception type production raised)."""
    code = {
        path: change.after
        for path, change in patchset.files.items()
        if path.endswith(".py") and not is_test_file(path) and change.after is not None
    }
    unread = _unread_new_names(patchset, code)
    raised: dict[str, str] = {}
    for path, text in code.items():
        raised |= _newly_raised(path, patchset.files[path].before, text)
    raised.pop(production_error, None)
    found: dict[str, str] = {}
    for path in tests:
        tree = _parse(patchset.files[path].after)
        if tree is None:
            continue
        aliases = _aliases(tree, set(unread))
        for name, node in _tests(tree):
            reads = sorted({aliases[n] for n in _read(node) if n in aliases})
            expects = sorted(_expected(node) & set(raised))
            if reads:
                found[f"{path}::{name}"] = (
                    f"it reads {reads[0]}, which the patch adds to {unread[reads[0]]} and no production code reads"
                )
            elif expects:
                found[f"{path}::{name}"] = (
                    f"it expects {expects[0]}, which a raise the patch adds to {raised[expects[0]]} throws: the call "
                    f"that raised {production_error or 'the production error'} still raises, converting a crash is "
                    "not fixing it"
                )
    return found
