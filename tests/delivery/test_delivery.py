"""Delivery by verdict on every forge: report, draft, ready PR, auto-merge; one PR per key; budgets."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from agentfleet.contracts import DeliveryState, InvestigationReport, NoFix, Verdict
from agentfleet.flow.delivery.record import track_record
from agentfleet.flow.delivery.report import job_markdown, title_for
from agentfleet.flow.delivery.stage import deliver, report_path
from agentfleet.flow.delivery.sync import sync_reviews
from agentfleet.forges import PRState
from agentfleet.forges.memory import InMemoryForge
from agentfleet.store import deliveries, ledger
from delivery.kit import FIX_WITH_TEST, PHASE_VERDICT, Fleet

pytestmark = pytest.mark.redis
FORGES = ["memory", "local", "github"]
MakeFleet = Callable[..., Fleet]

EXPECTED = {
    Verdict.REPORT: (DeliveryState.REPORTED, None),
    Verdict.DRAFT_PR: (DeliveryState.DRAFT, PRState.OPEN),
    Verdict.PR: (DeliveryState.OPEN, PRState.OPEN),
    Verdict.AUTO_MERGE: (DeliveryState.MERGED, PRState.MERGED),
}


@pytest.mark.parametrize("kind", FORGES)
@pytest.mark.parametrize("phase", [1, 2, 3, 4])
def test_each_verdict_is_delivered_as_far_as_it_may_go(kind: str, phase: int, make_fleet: MakeFleet) -> None:
    # Given a patch the gate passed with the verdict of this trust phase
    fleet = make_fleet(kind)
    verdict = PHASE_VERDICT[phase]
    job = fleet.job(verdict)
    # When it is delivered
    done = deliver(job, fleet.ctx).delivery
    # Then it went exactly as far as the verdict allows
    assert done is not None
    state, pr_state = EXPECTED[verdict]
    assert done.state is state
    prs = fleet.forge.list_prs()
    if pr_state is None:
        assert prs == []
        report = report_path(fleet.ctx, job).read_text()
        assert "## Gate report" in report
        assert "+    return a + b" in report
        assert done.url == report_path(fleet.ctx, job).as_uri()
    else:
        [pr] = prs
        assert (pr.state, pr.draft, pr.branch) == (pr_state, verdict is Verdict.DRAFT_PR, job.item.branch)
        assert "## Gate report" in pr.body
        assert "agentfleet" in pr.labels
        assert done.pr_number == pr.number
        assert (deliveries.open_count(fleet.ctx.store, "svc") == 1) is (pr_state is PRState.OPEN)
    merged = [r.outcome for r in ledger.recent(fleet.ctx.store, stage="review")]
    assert merged == (["merged"] if verdict is Verdict.AUTO_MERGE else [])


@pytest.mark.parametrize("kind", FORGES)
def test_a_rerun_updates_its_pr_and_never_opens_a_second(kind: str, make_fleet: MakeFleet) -> None:
    # Given a draft PR for a key
    fleet = make_fleet(kind)
    first = deliver(fleet.job(Verdict.DRAFT_PR), fleet.ctx).delivery
    # When the key is delivered again, with a new patch and a ready verdict (and once more, redelivered)
    second = deliver(fleet.job(Verdict.PR, diff=FIX_WITH_TEST), fleet.ctx).delivery
    deliver(fleet.job(Verdict.PR, diff=FIX_WITH_TEST), fleet.ctx)
    # Then the same PR was updated: ready now, with the new patch
    assert first is not None
    assert second is not None
    assert second.pr_number == first.pr_number
    [pr] = fleet.forge.list_prs()
    assert pr.draft is False
    assert "def test_add" in fleet.forge.diff(pr.number)
    assert second.state is DeliveryState.OPEN


@pytest.mark.parametrize("kind", FORGES)
def test_a_pr_a_human_closed_is_not_reopened(kind: str, make_fleet: MakeFleet) -> None:
    fleet = make_fleet(kind)
    number = deliver(fleet.job(Verdict.PR), fleet.ctx).delivery.pr_number  # type: ignore[union-attr]
    fleet.forge.close(number)  # type: ignore[arg-type]
    again = deliver(fleet.job(Verdict.PR), fleet.ctx).delivery
    assert again is not None
    assert again.state is DeliveryState.CLOSED
    assert "not opening another" in again.note
    assert len(fleet.forge.list_prs()) == 1


def test_open_pr_budget_holds_new_prs_but_keeps_their_report(make_fleet: MakeFleet) -> None:
    # Given a repo allowed one open agent PR, which is taken
    fleet = make_fleet("local", "budgets.max_open_prs = 1")
    deliver(fleet.job(Verdict.PR, fingerprint="err-a"), fleet.ctx)
    # When another key passes the gate
    held_job = fleet.job(Verdict.PR, fingerprint="err-b")
    held = deliver(held_job, fleet.ctx).delivery
    # Then no second PR opens, the report is kept, and the first key can still be updated
    assert held is not None
    assert held.state is DeliveryState.SKIPPED
    assert "max_open_prs=1 reached" in held.note
    assert "## Gate report" in report_path(fleet.ctx, held_job).read_text()
    assert deliver(fleet.job(Verdict.PR, fingerprint="err-a", diff=FIX_WITH_TEST), fleet.ctx).delivery.state is (  # type: ignore[union-attr]
        DeliveryState.OPEN
    )
    assert len(fleet.forge.list_prs()) == 1


def test_security_upgrades_ignore_the_hourly_budget_but_never_duplicate(make_fleet: MakeFleet) -> None:
    # Given one PR per hour, already spent on an error fix
    fleet = make_fleet("memory", "budgets.max_prs_per_hour = 1")
    deliver(fleet.job(Verdict.PR, fingerprint="err-a"), fleet.ctx)
    # When another fix and a security upgrade pass the gate
    fix = deliver(fleet.job(Verdict.PR, fingerprint="err-b"), fleet.ctx).delivery
    upgrade = fleet.job(Verdict.PR, fingerprint="PYSEC-1", kind="upgrade_dependency")
    first = deliver(upgrade, fleet.ctx).delivery
    again = deliver(upgrade, fleet.ctx).delivery
    # Then the fix waits, the upgrade opens its PR once
    assert fix is not None
    assert "max_prs_per_hour=1 reached" in fix.note
    assert first is not None
    assert again is not None
    assert first.state is DeliveryState.OPEN
    assert again.pr_number == first.pr_number
    assert len(fleet.forge.list_prs()) == 2


@pytest.mark.parametrize("kind", FORGES)
def test_a_rejected_rerun_leaves_the_open_pr_and_says_why(kind: str, make_fleet: MakeFleet) -> None:
    fleet = make_fleet(kind)
    opened = deliver(fleet.job(Verdict.PR), fleet.ctx).delivery
    rejected = deliver(fleet.job(Verdict.REJECT), fleet.ctx).delivery
    assert opened is not None
    assert rejected is not None
    assert (rejected.state, rejected.pr_number) == (DeliveryState.OPEN, opened.pr_number)
    assert deliveries.open_count(fleet.ctx.store, "svc") == 1
    assert fleet.forge.get_pr(opened.pr_number).state is PRState.OPEN  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", FORGES)
def test_a_report_issue_is_updated_not_duplicated(kind: str, make_fleet: MakeFleet) -> None:
    fleet = make_fleet(kind, "gate.report_issue = true")
    first = deliver(fleet.job(Verdict.REPORT), fleet.ctx).delivery
    again = deliver(fleet.job(Verdict.REPORT), fleet.ctx).delivery
    assert first is not None
    assert again is not None
    assert first.pr_number is not None
    assert (again.pr_number, again.url) == (first.pr_number, first.url)
    assert fleet.forge.list_prs() == []


def test_a_demotion_to_reports_leaves_an_open_pr_counted(make_fleet: MakeFleet) -> None:
    fleet = make_fleet("local")
    opened = deliver(fleet.job(Verdict.PR), fleet.ctx).delivery
    job = fleet.job(Verdict.REPORT, diff=FIX_WITH_TEST)
    reported = deliver(job, fleet.ctx).delivery
    assert opened is not None
    assert reported is not None
    assert (reported.state, reported.pr_number) == (DeliveryState.OPEN, opened.pr_number)
    assert "phase lowered" in reported.note
    assert deliveries.open_count(fleet.ctx.store, "svc") == 1
    assert "def test_add" in report_path(fleet.ctx, job).read_text()


def test_a_demotion_with_report_issues_files_no_issue_beside_the_open_pr(make_fleet: MakeFleet) -> None:
    # Given an open PR for a key, and a repo that files reports as forge issues
    fleet = make_fleet("memory", "gate.report_issue = true")
    opened = deliver(fleet.job(Verdict.PR), fleet.ctx).delivery
    # When its trust phase is lowered to reports and the key is delivered twice more
    for _ in range(2):
        reported = deliver(fleet.job(Verdict.REPORT, diff=FIX_WITH_TEST), fleet.ctx).delivery
    # Then the PR stays the key's one delivery and no issue is filed beside it
    forge = fleet.forge
    assert isinstance(forge, InMemoryForge)
    assert opened is not None
    assert reported is not None
    assert (reported.state, reported.pr_number) == (DeliveryState.OPEN, opened.pr_number)
    assert forge.issues == {}


def test_an_investigated_error_without_a_fix_is_still_reported(make_fleet: MakeFleet) -> None:
    # Given an error the investigation mapped, but no fixer could fix (the gate rejects: nothing to verify)
    fleet = make_fleet("local")
    job = fleet.job(Verdict.REJECT)
    report = InvestigationReport(
        repo="svc",
        fingerprint="err-add",
        commit=fleet.base,
        commit_source="default_branch",
        exception_type="ZeroDivisionError",
        exception_value="division by zero",
    )
    job = job.model_copy(
        update={
            "patch": None,
            "report": report,
            "no_fix": NoFix(author="repair", reason="no plausible patch", attempts=41),
        }
    )
    # When it is delivered
    done = deliver(job, fleet.ctx).delivery
    # Then the human gets the investigation and what was tried, and no PR
    assert done is not None
    assert done.state is DeliveryState.REPORTED
    assert done.note.startswith("no fix: ")
    text = report_path(fleet.ctx, job).read_text()
    assert "# Investigation: `ZeroDivisionError`" in text
    assert "## No verified fix" in text
    assert "no plausible patch" in text
    assert fleet.forge.list_prs() == []


@pytest.mark.parametrize("kind", FORGES)
def test_a_report_issue_filed_by_a_killed_worker_is_updated_not_filed_again(kind: str, make_fleet: MakeFleet) -> None:
    # Given a worker that filed the key's report issue and was killed before it saved the issue's number
    fleet = make_fleet(kind, "gate.report_issue = true")
    job = fleet.job(Verdict.REPORT)
    filed = fleet.forge.file_issue(title_for(job), job_markdown(job), ("agentfleet", "fix-error"))
    assert deliveries.get(fleet.ctx.store, job.key) is None
    # When the delivery runs again
    done = deliver(job, fleet.ctx).delivery
    # Then it updated that issue: no second issue was filed (the next one gets the next number)
    assert done is not None
    assert (done.state, done.pr_number, done.url) == (DeliveryState.REPORTED, filed.number, filed.url)
    assert fleet.forge.file_issue("unrelated", "body").number == filed.number + 1


@pytest.mark.parametrize("kind", FORGES)
def test_an_auto_merge_whose_worker_died_before_its_review_row_still_counts(kind: str, make_fleet: MakeFleet) -> None:
    # Given a phase-4 delivery whose worker opened the PR, merged it and was killed before the review row
    fleet = make_fleet(kind, "trust.fix_error = 4")
    opened = deliver(fleet.job(Verdict.PR), fleet.ctx).delivery
    assert opened is not None
    assert opened.pr_number is not None
    fleet.forge.merge(opened.pr_number)
    # When the task is redelivered and the track record is synced with the forge, twice
    again = deliver(fleet.job(Verdict.AUTO_MERGE), fleet.ctx).delivery
    for _ in range(2):
        sync_reviews(fleet.ctx.store, "svc", fleet.forge)
    # Then the merge counts, once
    assert again is not None
    assert again.state is DeliveryState.MERGED
    assert track_record(fleet.ctx.store)[("svc", "fix_error")].merged == 1
