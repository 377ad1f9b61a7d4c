"""Delivery to GitHub through the real PyGithub against a local stand-in of the REST API."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from agentfleet.contracts import DeliveryState, Verdict
from agentfleet.core.errors import PermanentError
from agentfleet.flow.delivery.stage import deliver
from agentfleet.forges import PRState
from agentfleet.store import deliveries
from delivery.kit import FIX_WITH_TEST, Fleet

pytestmark = pytest.mark.redis
MakeFleet = Callable[..., Fleet]
BRANCH = "agentfleet/fix-error/5e89d2a4ddf9"
HEAD_QUERY = "/pulls?head=acme%3Aagentfleet%2Ffix-error%2F5e89d2a4ddf9&state=all"


def _shape(calls: list[tuple[str, str, Any]]) -> list[tuple[str, str]]:
    """(method, path) with object ids elided, so the sequence can be compared exactly."""
    return [(method, re.sub(r"\b[0-9a-f]{40}\b", "{sha}", path)) for method, path, _ in calls]


def _writes_to_default(calls: list[tuple[str, str, Any]]) -> list[tuple[str, str, Any]]:
    return [
        call
        for call in calls
        if call[0] != "GET"
        and ("heads/main" in call[1] or (isinstance(call[2], dict) and call[2].get("ref") == "refs/heads/main"))
    ]


def test_first_delivery_makes_exactly_these_calls_and_opens_a_draft(make_fleet: MakeFleet) -> None:
    # Given a repo on GitHub (stand-in) and a patch the gate passed for a draft PR
    fleet = make_fleet("github")
    assert fleet.github is not None
    # When it is delivered
    done = deliver(fleet.job(Verdict.DRAFT_PR), fleet.ctx).delivery
    # Then: git data through the REST API onto a new agent branch, a draft PR, its labels — nothing else
    assert _shape(fleet.github.calls) == [
        ("GET", HEAD_QUERY),
        ("GET", "/git/commits/{sha}"),
        ("GET", "/git/trees/{sha}?recursive=1"),
        ("GET", "/git/blobs/{sha}"),
        ("POST", "/git/blobs"),
        ("POST", "/git/trees"),
        ("GET", f"/git/ref/heads/{BRANCH}"),
        ("POST", "/git/commits"),
        ("POST", "/git/refs"),
        ("POST", "/pulls"),
        ("PUT", "/issues/1/labels"),
        ("GET", "/pulls/1"),
    ]
    bodies = {path: body for method, path, body in fleet.github.calls if method != "GET"}
    assert bodies["/git/refs"]["ref"] == f"refs/heads/{BRANCH}"
    assert bodies["/pulls"]["draft"] is True
    assert (bodies["/pulls"]["base"], bodies["/pulls"]["head"]) == ("main", BRANCH)
    assert "## Gate report" in bodies["/pulls"]["body"]
    assert bodies["/issues/1/labels"] == ["agentfleet", "fix-error"]
    assert done is not None
    assert (done.state, done.pr_number, done.url) == (DeliveryState.DRAFT, 1, "https://github.example/acme/svc/pull/1")


def test_a_ready_verdict_opens_a_ready_pr(make_fleet: MakeFleet) -> None:
    fleet = make_fleet("github")
    assert fleet.github is not None
    deliver(fleet.job(Verdict.PR), fleet.ctx)
    opened = next(body for method, path, body in fleet.github.calls if (method, path) == ("POST", "/pulls"))
    assert opened["draft"] is False
    assert not any(path == "/api/graphql" for _, path, _ in fleet.github.calls)


def test_a_rerun_moves_the_branch_forward_and_updates_the_same_pr(make_fleet: MakeFleet) -> None:
    # Given a draft PR on GitHub
    fleet = make_fleet("github")
    assert fleet.github is not None
    deliver(fleet.job(Verdict.DRAFT_PR), fleet.ctx)
    fleet.github.calls.clear()
    # When a new patch for the same key passes with a ready verdict, and is delivered twice
    deliver(fleet.job(Verdict.PR, diff=FIX_WITH_TEST), fleet.ctx)
    second = _shape(fleet.github.calls)
    fleet.github.calls.clear()
    deliver(fleet.job(Verdict.PR, diff=FIX_WITH_TEST), fleet.ctx)
    third = _shape(fleet.github.calls)
    # Then the branch moved forward without force, the PR was edited and marked ready; never a second PR
    assert ("PATCH", f"/git/refs/heads/{BRANCH}") in second
    assert ("POST", "/api/graphql") in second
    assert ("POST", "/pulls") not in second + third
    assert ("PATCH", "/pulls/1") in second
    # and an identical re-run writes no new commit and moves no ref
    assert [call for call in third if call[0] == "POST" and call[1] in ("/git/commits", "/git/refs")] == []
    assert ("PATCH", f"/git/refs/heads/{BRANCH}") not in third


@pytest.mark.parametrize("verdict", [Verdict.REPORT, Verdict.DRAFT_PR, Verdict.PR, Verdict.AUTO_MERGE])
def test_no_call_ever_writes_to_the_default_branch(verdict: Verdict, make_fleet: MakeFleet) -> None:
    fleet = make_fleet("github", "gate.report_issue = true")
    assert fleet.github is not None
    deliver(fleet.job(verdict), fleet.ctx)
    deliver(fleet.job(verdict, diff=FIX_WITH_TEST), fleet.ctx)
    assert _writes_to_default(fleet.github.calls) == []
    forced = [body for method, _, body in fleet.github.calls if method == "PATCH" and body and body.get("force")]
    assert forced == []
    merges = [path for method, path, _ in fleet.github.calls if method == "PUT" and path.endswith("/merge")]
    assert merges == (["/pulls/1/merge"] if verdict is Verdict.AUTO_MERGE else [])


def test_a_rejected_token_names_the_setting(make_fleet: MakeFleet) -> None:
    fleet = make_fleet("github")
    assert fleet.github is not None
    fleet.github.token = "a-different-token"
    with pytest.raises(PermanentError, match="AGENTFLEET_GITHUB__TOKEN"):
        deliver(fleet.job(Verdict.PR), fleet.ctx)


def test_a_refused_auto_merge_leaves_the_pr_open_counted_and_explained(make_fleet: MakeFleet) -> None:
    # Given branch protection whose required checks have not reported yet
    fleet = make_fleet("github")
    fleet.github.checks_pending = True  # type: ignore[union-attr]
    job = fleet.job(Verdict.AUTO_MERGE)
    # When a low-risk patch at phase 4 is delivered
    done = deliver(job, fleet.ctx).delivery
    # Then the PR stays open, is recorded (and counted against the open-PR budget), and says why
    assert done is not None
    assert done.state is DeliveryState.OPEN
    assert done.note.startswith("auto-merge refused: ")
    assert deliveries.open_count(fleet.ctx.store, "svc") == 1
    [pr] = fleet.forge.list_prs()
    assert pr.state is PRState.OPEN
    assert "auto-merge was refused" in fleet.github.comments[pr.number][-1]  # type: ignore[union-attr]
