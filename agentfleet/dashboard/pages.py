"""The dashboard's pages: the fleet overview, and one key's timeline from finding to delivery."""

from __future__ import annotations

from agentfleet.core.fleet import RepoConfig
from agentfleet.dashboard.board import Board, Timeline
from agentfleet.dashboard.html import badge, esc, key_link, page, section, table
from agentfleet.flow.delivery.outcome import Outcome
from agentfleet.flow.delivery.report import job_markdown, title_for

__all__ = ["overview_page", "timeline_page"]

_WHEN = "%Y-%m-%d %H:%M"


def _reasons(outcome: Outcome) -> str:
    return "<br>".join(esc(" ".join(r.split())) for r in outcome.reasons) or '<span class="muted">-</span>'


def _kinds(board: Board) -> str:
    rows = [
        [
            esc(line.repo),
            esc(line.kind),
            esc(line.phase or "-"),
            esc(line.in_flight),
            esc(line.results["opened"] + line.results["draft"]),
            esc(line.results["merged"]),
            esc(line.results["rejected"]),
            esc(line.results["no fix"]),
            esc(line.results["reported"]),
            esc(line.results["failed"]),
            esc(f"{line.record.merged} / {line.record.closed} / {line.record.reverted}"),
            esc(line.suggestion),
        ]
        for line in board.lines
    ]
    headers = ["repo", "kind", "phase", "in flight", "PRs open", "merged", "rejected", "no fix", "reported", "failed"]
    headers += ["track record (merged / closed / reverted)", "suggestion"]
    return table(headers, rows, numeric=range(2, 10)) if rows else ""


def _pulls(board: Board) -> str:
    rows = [
        [
            esc(o.repo),
            esc(o.kind),
            f'<a href="{esc(o.url)}">#{esc(o.pr)}</a>' if o.url and o.url.startswith("http") else f"#{esc(o.pr)}",
            badge(o.result),
            badge(o.verdict or "-"),
            key_link(o.key, title_for(o.job)),
            esc(f"{o.at:{_WHEN}}"),
        ]
        for o in board.pulls
    ]
    return table(("repo", "kind", "PR", "state", "gate verdict", "work", "updated (UTC)"), rows) if rows else ""


def _reports(board: Board) -> str:
    rows = [
        [esc(f"{o.at:{_WHEN}}"), esc(o.repo), esc(o.kind), badge(o.result), _reasons(o), key_link(o.key, "timeline")]
        for o in board.reports
    ]
    return table(("when (UTC)", "repo", "kind", "result", "reasons", ""), rows) if rows else ""


def _waiting(board: Board) -> str:
    rows = [
        [esc(o.repo), esc(o.kind), badge(o.result), key_link(o.key), esc(f"{o.at:{_WHEN}}")] for o in board.in_flight
    ]
    return table(("repo", "kind", "state", "key", "since (UTC)"), rows) if rows else ""


def overview_page(board: Board, generated: str) -> str:
    """The fleet at a glance: per repo × kind, the PRs, the rejections and reports with reasons, work in flight."""
    canary = board.canary
    alive = f"last canary delivery {canary.at:{_WHEN}} UTC" if canary else "no canary delivery recorded"
    body = f'<h1>agentfleet</h1><p class="muted">{esc(generated)} · {esc(alive)}</p>'
    if board.fleet_problem:
        body += f'<p class="note">fleet file: {esc(board.fleet_problem)}</p>'
    since = f"since {board.since:{_WHEN}} UTC"
    body += section(f"Repos × kinds ({since})", _kinds(board), "no repos and no work yet")
    body += section("Pull requests", _pulls(board), "no agent pull requests in this period")
    body += section("Rejections, reports and failures", _reports(board), "none in this period")
    body += section("In flight", _waiting(board), "nothing in flight")
    return page("agentfleet dashboard", body)


def _events(timeline: Timeline) -> str:
    rows = [
        [
            esc(f"{e.at:%Y-%m-%d %H:%M:%S}"),
            esc(e.stage),
            badge(e.outcome),
            esc(f"{e.duration_ms} ms" if e.duration_ms is not None else "-"),
            esc(e.actor),
        ]
        for e in timeline.events
    ]
    return table(("at (UTC)", "stage", "outcome", "took", "who"), rows, numeric=(3,)) if rows else ""


def timeline_page(timeline: Timeline, repo: RepoConfig | None) -> str:
    """One key: its finding, every stage in order, the outcome with its reasons, and the full report."""
    outcome, finding = timeline.outcome, timeline.finding
    body = f'<p><a href="/">← fleet</a></p><h1>{esc(title_for(outcome.job))}</h1>'
    body += f'<p class="muted">{esc(outcome.key)}</p><p>{badge(outcome.result)}'
    body += f" gate verdict {badge(outcome.verdict)}" if outcome.verdict else ""
    body += "</p>" + section("Why", _reasons(outcome))
    if finding is not None:
        seen = f"first seen {finding.first_seen:{_WHEN}}, last seen {finding.last_seen:{_WHEN}} UTC, {finding.count}×"
        body += section("Finding", f"<p>{badge(finding.severity)} {esc(finding.kind)} · {esc(seen)}</p>")
    body += section("Timeline: finding → stages → delivery", _events(timeline), "no ledger rows")
    body += section("Report", f"<pre>{esc(job_markdown(outcome.job, repo))}</pre>")
    return page(f"agentfleet · {outcome.key}", body)
