"""The docs monitor across runs: where it starts, what it keeps open, and when a finding goes away."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from agentfleet.contracts import Finding, SyncDocs
from agentfleet.core.context import Context
from agentfleet.flow.monitors import monitor_for
from agentfleet.flow.monitors.docs_drift import state
from agentfleet.flow.monitors.run import run_monitor
from agentfleet.store import ledger
from docs_drift.kit import RENAME_ADD_REMOVE, Library


def _audit(ctx: Context) -> list[Finding]:
    """The docs monitor's findings now, keeping its state as a scheduled run does (without triage)."""
    return monitor_for("docs", ctx).scan(ctx.repo("shelf"))


def _fleet(write_fleet: Callable[[str], Path], lib: Library, extra: str = "") -> None:
    write_fleet(f'[[repos]]\nname = "shelf"\nlocation = "{lib.path}"\n[repos.docs]\nhistory = 1\n{extra}\n')


def test_one_finding_per_symbol_starts_sync_docs_work_with_every_inconsistency(
    library: Callable[..., Library], ctx: Context, write_fleet: Callable[[str], Path]
) -> None:
    # Given the library one commit after an API change (the first audit looks back history=1 commit)
    lib = library()
    head = lib.change({"shelf/client.py": RENAME_ADD_REMOVE})
    _fleet(write_fleet, lib)
    # When the monitor runs through triage
    run, result = run_monitor(ctx, "shelf", "docs", run_id="r1")
    # Then one finding for shelf.fetch starts one piece of sync_docs work carrying the changes and places
    assert run.findings == 1
    (job,) = result.jobs
    item = job.item
    assert isinstance(item, SyncDocs)
    assert item.schema_version == 2
    assert (item.symbols, item.base_commit, item.since_commit) == (("shelf.fetch",), head, lib.base)
    assert item.fingerprint.startswith("docs:shelf.fetch:")
    assert len(item.inconsistencies) == 8
    assert {i.file for i in item.inconsistencies} == {"shelf/client.py", "README.md", "docs/usage.md", "CHANGELOG.md"}
    known = state.load(ctx.store, "shelf")
    assert known is not None
    assert known.commit == head
    assert [e.symbols for e in known.pending] == [("shelf.fetch",)]


def test_an_unmoved_branch_reports_the_open_findings_again_without_reading_anything(
    library: Callable[..., Library], ctx: Context, write_fleet: Callable[[str], Path]
) -> None:
    lib = library()
    lib.change({"shelf/client.py": RENAME_ADD_REMOVE})
    _fleet(write_fleet, lib)
    first = _audit(ctx)
    second = _audit(ctx)
    assert [f.fingerprint for f in first] == [f.fingerprint for f in second]
    assert len(ledger.recent(ctx.store, stage="docs-audit")) == 1


def test_a_finding_stays_open_across_unrelated_commits_and_goes_once_the_docs_are_fixed(
    library: Callable[..., Library], ctx: Context, write_fleet: Callable[[str], Path]
) -> None:
    # Given an open finding from a first audit
    lib = library()
    lib.change({"shelf/client.py": RENAME_ADD_REMOVE})
    _fleet(write_fleet, lib)
    (first,) = _audit(ctx)
    # When an unrelated commit lands, the same finding is reported again (same fingerprint)
    lib.change({"tests/test_more.py": "def test_nothing():\n    pass\n"})
    assert [f.fingerprint for f in _audit(ctx)] == [first.fingerprint]
    # When a commit brings every doc in line, nothing is reported any more
    readme = (lib.path / "README.md").read_text().replace("timeout=5, verify=False", "deadline=5")
    lib.change(
        {
            "shelf/client.py": (
                "        timeout: Seconds to wait. Defaults to 10.\n        verify: Check TLS certificates.\n",
                "        deadline: Seconds to wait. Defaults to 10.\n        retries: How often to retry.\n",
            ),
            "README.md": readme.replace("`timeout`", "`deadline`"),
            "docs/usage.md": ("timeout=3", "deadline=3"),
            "CHANGELOG.md": "# Changelog\n\n## Unreleased\n\n- `shelf.fetch`: `deadline` and `retries`.\n\n## 1.0\n",
        }
    )
    assert _audit(ctx) == []
    assert state.load(ctx.store, "shelf").pending == ()  # type: ignore[union-attr]


def test_the_first_audit_starts_after_the_configured_since(
    library: Callable[..., Library], ctx: Context, write_fleet: Callable[[str], Path]
) -> None:
    lib = library()
    changed = lib.change({"shelf/client.py": RENAME_ADD_REMOVE})
    lib.change({"tests/test_more.py": "def test_nothing():\n    pass\n"})
    _fleet(write_fleet, lib, f'since = "{changed}"')
    assert _audit(ctx) == []
