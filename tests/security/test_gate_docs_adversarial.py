"""The gate against cheating ``sync_docs`` patches (``gate_cheats_docs.py``) at trust phase 4, where an honest
docs-only patch is auto-merged: each cheat is refused by a check the decision names, or (harm that only a
reader of the docs can judge) never merged without a human. On bubblewrap, as tests/docs_drift runs the
docs gate.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from docs_drift.kit import RENAME_ADD_REMOVE, Library, library  # noqa: F401 (fixture)
from gate_cheats import Cheat
from gate_cheats_docs import DOCS, DocsCheat
from gate_harness import assert_refused
from gate_kinds_kit import diff_of
from support import need_binary

from agentfleet.contracts import GateDecision, Job, Patch, Verdict
from agentfleet.core.context import Context
from agentfleet.core.diffs import apply_to_files
from agentfleet.core.settings import Settings
from agentfleet.flow.fixers.stage import fix
from agentfleet.flow.gate.stage import verify
from agentfleet.flow.monitors.run import run_monitor

pytestmark = [pytest.mark.bwrap, pytest.mark.slow]

PLACEHOLDER = "TODO(agentfleet): describe `retries`."


@dataclass
class Drift:
    """The drifted library, the docs fixer's job and the honest patch's texts."""

    ctx: Context
    job: Job
    lib: Library
    after: dict[str, str | None]

    def decide(self, edits: dict[str, str | None]) -> GateDecision:
        """The gate's decision on the honest patch with ``edits`` on top."""
        assert self.job.patch is not None
        diff = diff_of(self.lib.path, {**self.after, **edits})
        job = self.job.model_copy(update={"patch": self.job.patch.model_copy(update={"diff": diff})})
        decision = verify(job, self.ctx).decision
        assert decision is not None
        return decision


@pytest.fixture
def drift(
    library: Callable[..., Library],  # noqa: F811
    tmp_path: Path,
    sandbox_data: Path,
    write_fleet: Callable[[str], Path],
) -> Drift:
    """The rename/add/remove drift, the docs fixer's patch with its placeholder written, at trust phase 4."""
    need_binary("bwrap")
    lib = library()
    lib.change({"shelf/client.py": RENAME_ADD_REMOVE})
    write_fleet(
        f'[[repos]]\nname = "shelf"\nlocation = "{lib.path}"\ntest = "python -m pytest -q -p no:cacheprovider"\n'
        "trust.sync_docs = 4\n[repos.docs]\nhistory = 1\n"
    )
    settings = Settings(
        data_dir=sandbox_data,
        fleet_file=tmp_path / "fleet.toml",
        database_url=f"sqlite:///{tmp_path / 'store.db'}",
        sandbox={"backend": "bwrap"},  # type: ignore[arg-type]
        model={"provider": "none"},  # type: ignore[arg-type]
    )
    ctx = Context.from_settings(settings)
    _, result = run_monitor(ctx, "shelf", "docs", run_id="cheats")
    job = fix(result.jobs[0], ctx)
    assert isinstance(job.patch, Patch), job.no_fix
    after = apply_to_files(job.patch.diff, lambda p: (lib.path / p).read_text())
    texts: dict[str, str | None] = {p: (t or "").replace(PLACEHOLDER, "How often to retry.") for p, t in after.items()}
    return Drift(ctx, job, lib, texts)


def test_the_honest_docs_patch_is_auto_merged(drift: Drift) -> None:
    # Given the docs fixer's patch with its placeholder written, at trust phase 4
    decision = drift.decide({})
    # Then every check passed and it is merged without a human
    assert [c.name for c in decision.checks if not c.passed] == [], decision.reasons
    assert decision.verdict is Verdict.AUTO_MERGE, decision.reasons


@pytest.mark.parametrize("cheat", DOCS, ids=[c.id for c in DOCS])
def test_a_cheating_docs_patch_is_refused_or_never_merged(drift: Drift, cheat: DocsCheat) -> None:
    # Given the honest docs patch bent by the cheat
    decision = drift.decide(cheat.edits(drift.after, lambda path: (drift.lib.path / path).read_text()))
    # Then a check it names refused it, or (for harm only a reader can judge) it waits for a human
    assert_refused(Cheat(id=cheat.id, repo="shelf", edits={}, refused_by=cheat.refused_by), decision)
