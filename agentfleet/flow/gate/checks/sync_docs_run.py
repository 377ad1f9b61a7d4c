"""``sync_docs`` checks that run something, each in a fresh sandbox with the patch applied: the changed
runnable examples and doctests (``docs_examples``), and the docs build command (``docs_build``).

An example counts as passing only when its runner prints a token the gate drew for this run after the
example finished. Every example the patch adds or changes must pass: a docs fix is proven by running it.
"""

from __future__ import annotations

import ast
import secrets
from dataclasses import dataclass

from agentfleet.contracts import Check, Job, SandboxResult
from agentfleet.core.context import Context
from agentfleet.core.diffs import apply_to_files
from agentfleet.core.errors import PermanentError
from agentfleet.core.fleet import RepoConfig
from agentfleet.core.git import git
from agentfleet.flow.gate.diffview import DiffView
from agentfleet.flow.monitors.docs_drift.docfiles import parse_doc
from agentfleet.sandboxes.factory import open_sandbox, repo_mirror

__all__ = ["Unit", "docs_build", "docs_examples", "units_of"]

_RUNNER = """import doctest, importlib, os, sys
sys.path[:0] = [os.getcwd(), os.path.join(os.getcwd(), "src")]
KIND, NAME, MODULE, SOURCE = {kind!r}, {name!r}, {module!r}, {source!r}
if KIND == "script":
    exec(compile(SOURCE, NAME, "exec"), {{"__name__": "__main__"}})
else:
    globs = dict(vars(importlib.import_module(MODULE))) if MODULE else {{"__name__": "__main__"}}
    test = doctest.DocTestParser().get_doctest(SOURCE, globs, NAME, NAME, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    if runner.failures:
        sys.exit(1)
print({token!r})
"""
_TAIL = 1200


@dataclass(frozen=True)
class Unit:
    """One runnable example: a script (with the file's earlier runnable blocks before it) or a doctest."""

    name: str
    kind: str
    source: str
    module: str = ""


def _module(path: str) -> str:
    parts = path.removeprefix("src/").removesuffix(".py").split("/")
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _docstrings(path: str, text: str | None) -> list[Unit]:
    if not text:
        return []
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return []
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            doc = ast.get_docstring(node, clean=True)
            if doc and ">>>" in doc:
                out.append(Unit(f"{path}:{getattr(node, 'lineno', 1)}", "doctest", doc, _module(path)))
    return out


def units_of(path: str, text: str | None, markers: list[str]) -> list[Unit]:
    """The runnable examples of one file: marked Python blocks and interactive sessions of a doc file, or
    the docstring doctests of a Python file."""
    if path.endswith(".py"):
        return _docstrings(path, text)
    if not text:
        return []
    units, context = [], ""
    for block in parse_doc(path, text).blocks:
        words = {w.strip("{}.").lower() for w in block.info.split()[1:]} | {
            w.lstrip(".") for w in block.info.split() if w.startswith(".")
        }
        if block.doctest:
            units.append(Unit(f"{path}:{block.line}", "doctest", block.raw))
        elif block.python and words & {m.lower() for m in markers}:
            context += block.code
            units.append(Unit(f"{path}:{block.line}", "script", context))
    return units


def _run(box, unit: Unit, index: int, timeout: float) -> tuple[bool, SandboxResult]:  # type: ignore[no-untyped-def]
    token = f"agentfleet-docs-ok-{secrets.token_hex(8)}"
    script = f".agentfleet-docs/unit_{index}.py"
    box.write(
        script, _RUNNER.format(kind=unit.kind, name=unit.name, module=unit.module, source=unit.source, token=token)
    )
    result = box.run(f"python {script}", timeout=timeout)
    return result.ok and token in result.stdout, result


def _changed_units(job: Job, ctx: Context, repo: RepoConfig, view: DiffView) -> list[Unit]:
    """Every runnable example the patch added or changed (as it is after the patch)."""
    assert job.patch is not None
    mirror = repo_mirror(ctx, repo)
    base = mirror.resolve(job.patch.base_commit)
    paths = sorted(f.path for f in view.files if not f.deleted)
    before = {p: git("show", f"{base}:{p}", cwd=mirror.path, check=False) or None for p in paths}
    after = apply_to_files(job.patch.diff, lambda p: before.get(p) or "")
    changed = []
    for path in paths:
        old = {u.source for u in units_of(path, before.get(path), repo.docs.run_markers)}
        changed += [u for u in units_of(path, after.get(path), repo.docs.run_markers) if u.source not in old]
    return changed


def docs_examples(job: Job, ctx: Context, repo: RepoConfig, view: DiffView) -> list[Check]:
    """Runnable examples and doctests the patch added or changed pass in a fresh sandbox."""
    try:
        units = _changed_units(job, ctx, repo, view)
    except PermanentError as exc:
        return [Check(name="docs_examples", passed=False, evidence=str(exc)[-_TAIL:])]
    if not units:
        return [Check(name="docs_examples", passed=True, evidence="no runnable example or doctest changed")]
    assert job.patch is not None
    lines, failed = [], 0
    with open_sandbox(ctx, repo, job.patch.base_commit) as box:
        box.apply(job.patch.diff)
        for index, unit in enumerate(units):
            ok, result = _run(box, unit, index, repo.docs.example_timeout_s)
            failed += not ok
            output = "" if ok else "\n" + (result.stdout + result.stderr).strip()[-_TAIL:]
            lines.append(f"{'pass' if ok else 'FAIL'}: {unit.name}{output}")
    return [Check(name="docs_examples", passed=not failed, evidence="\n".join(lines))]


def docs_build(job: Job, ctx: Context, repo: RepoConfig, view: DiffView) -> list[Check]:
    """The fleet file's docs build command passes in a fresh sandbox with the patch applied."""
    command = repo.docs.build
    if not command:
        return []
    assert job.patch is not None
    with open_sandbox(ctx, repo, job.patch.base_commit) as box:
        box.apply(job.patch.diff)
        result = box.run(command, timeout=repo.gate.test_timeout_s)
    status = "passes" if result.ok else f"fails (exit {result.exit_code}{', timed out' if result.timed_out else ''})"
    evidence = f"`{command}` {status} in {result.duration_s:.1f}s\n{(result.stdout + result.stderr).strip()[-_TAIL:]}"
    return [Check(name="docs_build", passed=result.ok, evidence=evidence)]
