"""The sync_docs gate in bubblewrap sandboxes: only docs changed, the inconsistencies are gone, changed examples
and the docs build pass, and phase 4 takes only a placeholder-free docs-only patch."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from support import need_binary

from agentfleet.contracts import Job, Patch, Verdict
from agentfleet.core.context import Context
from agentfleet.core.diffs import apply_to_files, unified_diff
from agentfleet.core.settings import Settings
from agentfleet.flow.fixers.stage import fix
from agentfleet.flow.gate.stage import verify
from agentfleet.flow.monitors.run import run_monitor
from docs_drift.kit import RENAME_ADD_REMOVE, Library

pytestmark = [pytest.mark.bwrap]


@pytest.fixture(scope="session")
def docs_sandbox_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One data dir for these tests, so the bwrap base environment is built once."""
    return tmp_path_factory.mktemp("docs-gate-data")


@pytest.fixture
def fixed(
    library: Callable[..., Library], tmp_path: Path, docs_sandbox_data: Path, write_fleet: Callable[[str], Path]
) -> Callable[..., tuple[Context, Job, Library]]:
    """Factory: the rename/add/remove change's job with the offline fixer's patch, on a bwrap context."""
    need_binary("bwrap")

    def make(
        extra: str = "", phase: int = 3, model: dict[str, str] | None = None, files: dict[str, str] | None = None
    ) -> tuple[Context, Job, Library]:
        lib = library()
        lib.change({"shelf/client.py": RENAME_ADD_REMOVE, **(files or {})})
        write_fleet(
            f'[[repos]]\nname = "shelf"\nlocation = "{lib.path}"\ntest = "python -m pytest -q -p no:cacheprovider"\n'
            f"trust.sync_docs = {phase}\n[repos.docs]\nhistory = 1\n{extra}\n"
        )
        settings = Settings(
            data_dir=docs_sandbox_data,
            fleet_file=tmp_path / "fleet.toml",
            database_url=f"sqlite:///{tmp_path / 'store.db'}",
            sandbox={"backend": "bwrap"},  # type: ignore[arg-type]
            model=model or {"provider": "none"},  # type: ignore[arg-type]
        )
        ctx = Context.from_settings(settings)
        _, result = run_monitor(ctx, "shelf", "docs", run_id="gate")
        job = fix(result.jobs[0], ctx)
        assert isinstance(job.patch, Patch), job.no_fix
        return ctx, job, lib

    return make


def _edited(job: Job, lib: Library, path: str, old: str, new: str) -> Job:
    """``job`` with its patch's version of ``path`` edited once more (that file's diff recomputed from the base)."""
    assert job.patch is not None
    parts = ["diff --git " + part for part in job.patch.diff.split("diff --git ")[1:]]
    others = "".join(part for part in parts if not part.startswith(f"diff --git a/{path} "))
    before = (lib.path / path).read_text()
    after = (apply_to_files(job.patch.diff, lambda p: (lib.path / p).read_text())[path] or "").replace(old, new)
    diff = others + unified_diff(path, before, after)
    return job.model_copy(update={"patch": job.patch.model_copy(update={"diff": diff})})


def test_a_docs_fix_on_a_red_branch_is_judged_by_what_it_breaks(
    fixed: Callable[..., tuple[Context, Job, Library]],
) -> None:
    # Given a branch whose suite already fails (a doc page whose other examples are stale, say), unrelated to
    # the drift, which no docs patch may fix
    ctx, job, _ = fixed(files={"tests/test_stale_page.py": "def test_stale_page():\n    assert False\n"})
    # When the fixer's docs patch is verified
    decision = verify(job, ctx).decision
    # Then it passes, the evidence naming the test that was already failing
    assert decision is not None
    assert decision.verdict is Verdict.PR, decision.reasons
    suite = next(c for c in decision.checks if c.name == "test_suite")
    assert "already failing at the base commit" in suite.evidence
    assert "test_stale_page" in suite.evidence


def test_the_fixers_patch_passes_every_docs_check(fixed: Callable[..., tuple[Context, Job, Library]]) -> None:
    ctx, job, _ = fixed()
    decision = verify(job, ctx).decision
    assert decision is not None
    checks = {c.name: c for c in decision.checks}
    assert decision.verdict is Verdict.PR, decision.reasons
    assert checks["docs_only"].passed
    assert checks["docs_consistent"].evidence.startswith("8 of 8 reported inconsistencies are gone")
    assert "pass: README.md:4" in checks["docs_examples"].evidence


def test_a_patch_that_changes_code_is_rejected(fixed: Callable[..., tuple[Context, Job, Library]]) -> None:
    ctx, job, lib = fixed()
    tampered = _edited(job, lib, "shelf/client.py", "    return url\n", "    return str(url)\n")
    decision = verify(tampered, ctx).decision
    assert decision is not None
    assert decision.verdict is Verdict.REJECT
    only = next(c for c in decision.checks if c.name == "docs_only")
    assert only.evidence == "shelf/client.py: code changed, not only docstrings"


def test_a_patch_that_leaves_a_reported_inconsistency_is_rejected(
    fixed: Callable[..., tuple[Context, Job, Library]],
) -> None:
    ctx, job, lib = fixed()
    partial = _edited(job, lib, "docs/usage.md", "deadline=3", "timeout=3")
    decision = verify(partial, ctx).decision
    assert decision is not None
    assert decision.verdict is Verdict.REJECT
    consistent = next(c for c in decision.checks if c.name == "docs_consistent")
    assert "still there: docs/usage.md:3" in consistent.evidence


def test_a_changed_runnable_example_that_fails_is_rejected(fixed: Callable[..., tuple[Context, Job, Library]]) -> None:
    ctx, job, lib = fixed()
    broken = _edited(job, lib, "README.md", "deadline=5)", "deadline=5, colour=True)")
    decision = verify(broken, ctx).decision
    assert decision is not None
    examples = next(c for c in decision.checks if c.name == "docs_examples")
    assert not examples.passed
    assert "FAIL: README.md:4" in examples.evidence
    assert "unexpected keyword argument 'colour'" in examples.evidence


def test_the_docs_build_command_runs_in_the_sandbox(fixed: Callable[..., tuple[Context, Job, Library]]) -> None:
    ctx, job, _ = fixed("build = \"python -c 'import shelf, sys; sys.exit(3)'\"")
    decision = verify(job, ctx).decision
    assert decision is not None
    build = next(c for c in decision.checks if c.name == "docs_build")
    assert not build.passed
    assert "fails (exit 3)" in build.evidence


def test_phase_four_auto_merges_only_without_placeholders(fixed: Callable[..., tuple[Context, Job, Library]]) -> None:
    # Given phase 4: the fixer's patch still carries a placeholder sentence
    ctx, job, lib = fixed(phase=4)
    decision = verify(job, ctx).decision
    assert decision is not None
    assert decision.verdict is Verdict.PR
    assert any("placeholder(s) left: shelf/client.py:10" in r for r in decision.reasons), decision.reasons
    # When the description is written, the docs-only patch is low-risk
    written = _edited(job, lib, "shelf/client.py", "TODO(agentfleet): describe `retries`.", "How often to retry.")
    decision = verify(written, ctx).decision
    assert decision is not None
    assert decision.low_risk, decision.reasons
    assert decision.verdict is Verdict.AUTO_MERGE


def test_with_a_model_the_agent_writes_the_placeholders_and_the_patch_auto_merges(
    fixed: Callable[..., tuple[Context, Job, Library]], tmp_path: Path
) -> None:
    # Given a (scripted) model that replaces the offline fixer's placeholder and submits
    script = tmp_path / "model.json"
    edit = {
        "path": "shelf/client.py",
        "old_str": "TODO(agentfleet): describe `retries`.",
        "new_str": "How often to retry.",
    }
    calls = [("sandbox__str_replace", edit), ("submit", {"rationale": "Described `retries`."})]
    script.write_text(
        json.dumps(
            [
                {
                    "text": "",
                    "tool_calls": [{"id": f"c{n}", "name": name, "arguments": json.dumps(args)}],
                    "input_tokens": 10,
                    "output_tokens": 10,
                }
                for n, (name, args) in enumerate(calls)
            ]
        )
    )
    # When the fix stage runs the docs fixer at phase 4
    ctx, job, _ = fixed(phase=4, model={"provider": "scripted", "name": "scripted", "script": str(script)})
    # Then the patch is the docs fixer's edits completed by the agent, and the gate auto-merges it
    assert job.patch is not None
    assert job.patch.author == "docs+agent"
    assert "+        retries: How often to retry. Defaults to `3`." in job.patch.diff
    assert "TODO(agentfleet)" not in job.patch.diff
    decision = verify(job, ctx).decision
    assert decision is not None
    assert decision.verdict is Verdict.AUTO_MERGE, decision.reasons
