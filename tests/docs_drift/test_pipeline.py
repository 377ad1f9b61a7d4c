"""End to end on real services: beat schedules the docs monitor, a real worker (Redis broker, bwrap sandboxes)
runs fix → gate → deliver, a PR lands on the local forge; once it is merged the monitor finds nothing new."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from support import GIT_ID, Proc, agentfleet_cmd, need_binary, wait_for, wait_for_delivery

from agentfleet.contracts import DeliveryState
from agentfleet.core.settings import Settings
from agentfleet.forges.bare import BareRepo
from agentfleet.forges.local import LocalForge
from agentfleet.store import Store, deliveries, ledger
from docs_drift.kit import RENAME_ADD_REMOVE, Library

pytestmark = [pytest.mark.redis, pytest.mark.bwrap, pytest.mark.slow]

FLEET = """[[repos]]
name = "shelf"
location = "{path}"
test = "python -m pytest -q -p no:cacheprovider"
monitors.docs = {{ every = 2 }}
trust.sync_docs = 3
[repos.docs]
history = 1
"""
BWRAP = {"AGENTFLEET_SANDBOX__BACKEND": "bwrap", "AGENTFLEET_CELERY__BEAT_LOCK_TIMEOUT_S": "3"}


def _audits(store: Store) -> list[tuple[str, int]]:
    """(head, findings) of every docs audit so far, oldest first."""
    rows = ledger.recent(store, stage="docs-audit", limit=200)
    return [(r.inputs["head"], r.outputs["findings"]) for r in reversed(rows)]


def test_beat_worker_and_gate_deliver_the_docs_fix_and_a_rerun_finds_nothing_new(
    library: Callable[..., Library],
    tmp_path: Path,
    write_fleet: Callable[[str], Path],
    start_worker: Callable[..., Proc],
    spawn: Callable[..., Proc],
) -> None:
    need_binary("bwrap")
    # Given the library one commit after fetch renamed timeout, dropped verify and added retries, and a fleet
    # whose beat runs the docs monitor every two seconds
    lib = library()
    lib.change({"shelf/client.py": RENAME_ADD_REMOVE}, "fetch: deadline, retries")
    write_fleet(FLEET.format(path=lib.path))
    store = Store(Settings(data_dir=tmp_path / ".agentfleet").store_url)
    # When a worker and a beat run
    start_worker(env=BWRAP)
    spawn(agentfleet_cmd("beat"), "beat", BWRAP)
    row = wait_for_delivery(store, "the docs fix to be delivered", timeout=300)
    # Then the fix went through the docs fixer and the gate to one ready PR
    hops = [(r.stage, r.outcome) for r in reversed(ledger.recent(store, key=row.key, limit=50))]
    assert ("fix:docs", "patch") in hops
    delivered = deliveries.get(store, row.key)
    assert delivered is not None
    assert delivered.state is DeliveryState.OPEN, delivered.note
    forge = LocalForge(store, _repo(tmp_path), BareRepo(tmp_path / ".agentfleet" / "forge" / "shelf.git", "main"))
    (pr,) = forge.list_prs()
    for expected in (
        "## API changes",
        "`shelf.fetch`",
        "## Updated",
        "## Flagged for review",
        "| `docs_only` | pass |",
        "| `docs_consistent` | pass |",
        "| `docs_examples` | pass |",
    ):
        assert expected in pr.body, expected
    # When the PR is merged into the library (the branch pulled from the local forge)
    diff = forge.diff(pr.number)
    subprocess.run(["git", "apply", "-"], cwd=lib.path, input=diff, text=True, check=True)
    subprocess.run(["git", *GIT_ID, "commit", "-qam", "docs: sync fetch"], cwd=lib.path, check=True)
    merged = subprocess.run(["git", "rev-parse", "HEAD"], cwd=lib.path, capture_output=True, text=True).stdout.strip()
    # Then the next audit, at the merged commit, finds nothing, and no new work starts
    wait_for(lambda: (merged, 0) in _audits(store), 60, "an audit of the merged commit")
    queued = [r for r in ledger.recent(store, stage="triage", limit=100) if r.outcome in {"queued", "resumed"}]
    assert [r.key for r in queued] == [row.key]
    assert "deadline: Seconds to wait" in (lib.path / "shelf/client.py").read_text()


def _repo(tmp_path: Path):  # type: ignore[no-untyped-def]
    from agentfleet.core.fleet import load_fleet

    return load_fleet(tmp_path / "fleet.toml").repo("shelf")
