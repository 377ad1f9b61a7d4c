"""``sync_docs``'s own gate checks, and its phase-4 rule.

- ``docs_only``: every Python file's AST with docstrings stripped is identical before and after the patch,
  and every other file is documentation: the strongest proof that behaviour did not change.
- ``docs_consistent``: the docs checks, re-run by the gate on the patched tree, no longer find what the
  monitor reported (items flagged for review may stay; they are listed).
- ``docs_examples`` and ``docs_build`` (``sync_docs_run.py``): changed runnable examples and doctests pass, and
  the docs build command passes, in a fresh sandbox.
- ``low_risk``: a docs-only diff with no placeholder left, and nothing only a reader can judge
  (``sync_docs_risk.py``: new links, commands, weakened security advice, patching examples, removed docs).

Everything is computed on the host from the mirror and the diff (static), except what the sandbox runs.
"""

from __future__ import annotations

import ast
from pathlib import Path

from agentfleet.contracts import Check, Job, SyncDocs
from agentfleet.core.context import Context
from agentfleet.core.diffs import apply_to_files
from agentfleet.core.errors import PermanentError
from agentfleet.core.fleet import RepoConfig
from agentfleet.core.git import git
from agentfleet.flow.gate.checks.code_facts import CodeFacts
from agentfleet.flow.gate.checks.docs_claims_judge import claims_check
from agentfleet.flow.gate.checks.docs_touched import drift_names, touched_names
from agentfleet.flow.gate.checks.sync_docs_risk import reader_risks
from agentfleet.flow.gate.checks.sync_docs_run import docs_build, docs_examples
from agentfleet.flow.gate.config import GateConfig
from agentfleet.flow.gate.diffview import DiffView
from agentfleet.flow.monitors.docs_drift.audit import head_wanted
from agentfleet.flow.monitors.docs_drift.consistency import inspect_docs
from agentfleet.flow.monitors.docs_drift.docfiles import matches
from agentfleet.flow.monitors.docs_drift.issues import PLACEHOLDER
from agentfleet.flow.monitors.docs_drift.layout import find_layout, plain_changelog
from agentfleet.flow.monitors.docs_drift.reference import documented
from agentfleet.flow.monitors.docs_drift.surface import load_surface
from agentfleet.flow.monitors.docs_drift.trees import changed_files, export, paths_at
from agentfleet.sandboxes.factory import repo_mirror

__all__ = ["docs_build", "docs_consistent", "docs_examples", "docs_only", "is_doc_path", "low_risk", "strip_docstrings"]

_DOC_SUFFIXES = (".md", ".rst", ".txt", ".adoc")


def is_doc_path(path: str, repo: RepoConfig | None = None) -> bool:
    """``path`` is documentation: a doc glob of the repo, a Markdown, reST, text or AsciiDoc file, or a changelog
    named without a suffix."""
    return (
        path.endswith(_DOC_SUFFIXES) or plain_changelog(path) or (repo is not None and matches(path, repo.docs.paths))
    )


def strip_docstrings(source: str) -> str:
    """``ast.dump`` of ``source`` with every module, class and function docstring removed."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                node.body = body[1:] or [ast.Pass()]
    return ast.dump(tree, include_attributes=False)


def _item(job: Job) -> SyncDocs:
    assert isinstance(job.item, SyncDocs), f"sync_docs checks got {job.item.kind} work"
    return job.item


def _same_code(path: str, before: str | None, after: str | None) -> str | None:
    """Why ``path``'s code differs before/after (``None``: only docstrings, comments or layout changed)."""
    if before is None or after is None:
        return f"{path}: {'added' if before is None else 'deleted'}"
    try:
        same = strip_docstrings(before) == strip_docstrings(after)
    except (SyntaxError, ValueError) as exc:
        return f"{path}: does not parse ({exc.__class__.__name__})"
    return None if same else f"{path}: code changed, not only docstrings"


def docs_only(job: Job, ctx: Context, repo: RepoConfig, view: DiffView) -> list[Check]:
    """The patch changes documentation only; Python files only in their docstrings (AST compared)."""
    assert job.patch is not None
    mirror = repo_mirror(ctx, repo)
    base = mirror.resolve(job.patch.base_commit)
    python = sorted(p for p in view.paths if p.endswith((".py", ".pyi")))
    before = {p: git("show", f"{base}:{p}", cwd=mirror.path, check=False) or None for p in sorted(view.paths)}
    try:
        after = apply_to_files(job.patch.diff, lambda p: before.get(p) or "") if python else {}
    except PermanentError as exc:
        return [Check(name="docs_only", passed=False, evidence=str(exc)[-800:])]
    problems = [why for p in python if (why := _same_code(p, before.get(p), after.get(p)))]
    problems += [f"{p}: not documentation" for p in sorted(view.paths) if p not in python and not is_doc_path(p, repo)]
    evidence = "; ".join(problems) or f"{len(python)} Python file(s) changed in docstrings only; the rest is docs"
    return [Check(name="docs_only", passed=not problems, evidence=evidence)]


def docs_consistent(job: Job, ctx: Context, repo: RepoConfig, view: DiffView) -> list[Check]:
    """Re-run the docs checks on the patched tree: what the monitor reported must be gone."""
    item, patch = _item(job), job.patch
    assert patch is not None
    mirror = repo_mirror(ctx, repo)
    patched = mirror.commit_diff(patch.base_commit, patch.diff)
    layout = find_layout(paths_at(mirror.path, patched), repo.docs)
    with export(mirror.path, patched, head_wanted(layout)) as tree:
        surface = load_surface(tree.root, layout.packages, documented(tree.text(p) for p in layout.docs))
        found = inspect_docs(tree, layout, surface, list(item.changes), repo.docs)
        remaining = [i for s in item.symbols for i in found.issues.get(s, [])]
        added = {f.path: "\n".join(t for _, t in f.added) for f in view.files}
        sources = {p: text for p in tree.paths if layout.is_source(p) and (text := tree.text(p)) is not None}
        touched = drift_names(item) | _range_touched(mirror.path, item.since_commit, mirror.resolve(patch.base_commit))
        claims = claims_check(view, [p for p in view.paths if is_doc_path(p, repo)], CodeFacts(sources), touched)
    still = [i.item for i in remaining if i.item.action != "review"]
    review = [i.item for i in remaining if i.item.action == "review"]
    unlogged = [
        i
        for i in item.inconsistencies
        if i.check == "no_update"
        and i.action == "changelog"
        and not any(is_doc_path(p, repo) and i.symbol.rpartition(".")[2] in text for p, text in added.items())
    ]
    reported = [i for i in item.inconsistencies if i.action != "review"]
    lines = [f"{len(reported) - len(still) - len(unlogged)} of {len(reported)} reported inconsistencies are gone"]
    lines += [f"still there: {i.file}:{i.line} {i.message}" for i in still[:20]]
    lines += [f"no doc or changelog line names {i.symbol}" for i in unlogged]
    lines += [f"left for review: {i.file}:{i.line} {i.message}" for i in review[:20]]
    return [Check(name="docs_consistent", passed=not still and not unlogged, evidence="\n".join(lines)), claims]


def _range_touched(git_dir: Path, since: str, base: str) -> set[str]:
    """The definitions the commits from ``since`` to ``base`` changed (none when the item names no range, or one the
    mirror does not have: then a claimed change must name the drift itself)."""
    if (
        not since
        or not git("rev-parse", "--verify", "--quiet", f"{since}^{{commit}}", cwd=git_dir, check=False).strip()
    ):
        return set()
    paths = changed_files(git_dir, since, base)
    return touched_names(
        paths,
        lambda p: git("show", f"{since}:{p}", cwd=git_dir, check=False) or "",
        lambda p: git("show", f"{base}:{p}", cwd=git_dir, check=False) or "",
    )


def low_risk(view: DiffView, conf: GateConfig, api: list[str]) -> tuple[bool, list[str]]:
    """Phase 4 for docs: a docs-only diff (its code AST was proven unchanged) with no placeholder left and no
    text that needs a human reader (``reader_risks``)."""
    why = []
    code = sorted(p for p in view.paths if not (is_doc_path(p) or p.endswith((".py", ".pyi"))))
    if code:
        why.append("not documentation: " + ", ".join(code[:5]))
    holes = [f"{f.path}:{n}" for f in view.files for n, text in f.added if PLACEHOLDER in text]
    if holes:
        why.append(f"{len(holes)} placeholder(s) left: " + ", ".join(holes[:5]))
    if api:
        why.append("public API changes: " + "; ".join(api[:10]))
    why += reader_risks(view, sorted(view.paths - set(code)))
    return not why, why
