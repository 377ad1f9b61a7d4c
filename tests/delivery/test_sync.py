"""Syncing the track record with the forge when one key's work was merged more than once.

A merged fix that did not hold reopens its work; the next run's PR (branch ``…-2``) may be merged too.
Its merge is the one whose deploy and revert matter from then on.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from support import git

from agentfleet.contracts import Job, TriedPatch, Verdict
from agentfleet.flow.delivery.record import track_record
from agentfleet.flow.delivery.stage import deliver
from agentfleet.flow.delivery.sync import sync_reviews
from delivery.kit import Fleet

pytestmark = pytest.mark.redis
MakeFleet = Callable[..., Fleet]
KEY = "svc:fix_error:err-add"
SECOND_FIX = """diff --git a/sums.py b/sums.py
new file mode 100644
--- /dev/null
+++ b/sums.py
@@ -0,0 +1,2 @@
+def total(values):
+    return sum(values)
"""


def _merge_on_forge(fleet: Fleet, job: Job) -> str:
    """Deliver ``job`` as a ready PR and merge it on the forge (as a human would); the merge SHA."""
    done = deliver(job, fleet.ctx).delivery
    assert done is not None
    assert done.pr_number is not None
    merged = fleet.forge.merge(done.pr_number)
    assert merged.merge_sha is not None
    assert sync_reviews(fleet.ctx.store, "svc", fleet.forge) == [f"#{done.pr_number} merged"]
    return merged.merge_sha


def _revert_at_location(fleet: Fleet, sha: str) -> None:
    """A human pulls the forge's main into the repo's location and reverts the merge ``sha`` there."""
    bare = fleet.ctx.settings.data_dir / "forge" / "svc.git"
    git(fleet.upstream, "pull", "-q", "--no-rebase", str(bare.resolve()), "main")
    git(fleet.upstream, "revert", "--no-edit", "-m", "1", sha)


def _reopened(fleet: Fleet, first_merge: str) -> Job:
    """The key's next run after its first merged fix did not hold: based on the forge's main now."""
    fleet.forge.reverted()  # brings the location's commits (if any) into the forge's main
    base = git(fleet.ctx.settings.data_dir / "forge" / "svc.git", "rev-parse", "main")
    job = fleet.job(Verdict.PR)
    tried = TriedPatch(diff="d", pr_number=1, merge_sha=first_merge, why="did not hold")
    item = job.item.model_copy(update={"tried": (tried,), "base_commit": base})
    assert job.patch is not None
    patch = job.patch.model_copy(update={"base_commit": base, "diff": SECOND_FIX})
    return job.model_copy(update={"item": item, "patch": patch})


@pytest.mark.parametrize("first_reverted", [False, True], ids=["first-held", "first-reverted"])
def test_a_revert_of_the_keys_newest_merge_is_recorded(first_reverted: bool, make_fleet: MakeFleet) -> None:
    # Given a key whose first PR was merged (and maybe reverted, and that revert recorded)
    fleet = make_fleet("local", "trust.fix_error = 3")
    first = _merge_on_forge(fleet, fleet.job(Verdict.PR))
    if first_reverted:
        _revert_at_location(fleet, first)
        assert sync_reviews(fleet.ctx.store, "svc", fleet.forge) == [f"{KEY} reverted"]
    # And whose reopened run's PR (its own branch) was merged too
    second = _merge_on_forge(fleet, _reopened(fleet, first))
    assert second != first
    assert sync_reviews(fleet.ctx.store, "svc", fleet.forge) == []
    # When a human reverts the second merge
    _revert_at_location(fleet, second)
    # Then the sync records that revert, once
    assert sync_reviews(fleet.ctx.store, "svc", fleet.forge) == [f"{KEY} reverted"]
    assert sync_reviews(fleet.ctx.store, "svc", fleet.forge) == []
    record = track_record(fleet.ctx.store)[("svc", "fix_error")]
    assert (record.merged, record.reverted) == (2, 1 + first_reverted)


def test_an_auto_merge_of_the_keys_second_pr_whose_worker_died_before_its_review_row_still_counts(
    make_fleet: MakeFleet,
) -> None:
    # Given a key whose first PR was merged and recorded
    fleet = make_fleet("local", "trust.fix_error = 4")
    first = _merge_on_forge(fleet, fleet.job(Verdict.PR))
    # And whose reopened run opened its own PR, merged it and was killed before the review row
    job = _reopened(fleet, first)
    opened = deliver(job, fleet.ctx).delivery
    assert opened is not None
    assert opened.pr_number == 2
    fleet.forge.merge(2)
    again = job.model_copy(update={"decision": job.decision.model_copy(update={"verdict": Verdict.AUTO_MERGE})})
    deliver(again, fleet.ctx)
    # When the track record is synced with the forge, twice
    changes = [sync_reviews(fleet.ctx.store, "svc", fleet.forge) for _ in range(2)]
    # Then the second merge counts, once
    assert changes == [["#2 merged"], []]
    assert track_record(fleet.ctx.store)[("svc", "fix_error")].merged == 2
