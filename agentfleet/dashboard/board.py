"""What the dashboard shows, read from the store and the fleet file into plain data (no HTML here)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from agentfleet.contracts import TrustPhase, WorkKind, utcnow
from agentfleet.core.context import Context
from agentfleet.core.errors import ConfigError
from agentfleet.flow.delivery.outcome import REPORT_RESULTS, Outcome, outcomes
from agentfleet.flow.delivery.record import Record, recommend, track_record
from agentfleet.flow.kinds import KINDS
from agentfleet.store import findings
from agentfleet.store.models import FindingRow, LedgerRow
from agentfleet.store.views import LedgerQuery, rows, timeline, work_row, work_rows

__all__ = ["Board", "KindLine", "Timeline", "board", "key_timeline"]

_KINDS = [row.kind.value for row in KINDS.values() if row.metered]
_PR_RESULTS = ("opened", "draft", "merged", "closed")


@dataclass(frozen=True)
class KindLine:
    """One repo × kind: its phase, what is in flight, how recent work ended, and its track record."""

    repo: str
    kind: str
    phase: int
    in_flight: int
    results: Counter[str]
    record: Record
    suggestion: str


@dataclass
class Board:
    """The overview page's data."""

    lines: list[KindLine] = field(default_factory=list)
    pulls: list[Outcome] = field(default_factory=list)
    reports: list[Outcome] = field(default_factory=list)
    in_flight: list[Outcome] = field(default_factory=list)
    canary: LedgerRow | None = None
    fleet_problem: str | None = None
    since: datetime = field(default_factory=utcnow)


def _phases(ctx: Context, board: Board) -> dict[tuple[str, str], int]:
    """(repo, kind) → trust phase, for the kinds a monitor of the repo starts."""
    try:
        return {
            (repo.name, row.kind.value): int(repo.trust.of(row.kind))
            for repo in ctx.fleet.repos
            for row in KINDS.values()
            if row.metered and set(row.monitors) & set(repo.monitors)
        }
    except ConfigError as exc:  # the page still shows what the store knows, and says what is wrong
        board.fleet_problem = str(exc).splitlines()[0]
        return {}


def _lines(ctx: Context, board: Board, recent: Sequence[Outcome]) -> list[KindLine]:
    phases = _phases(ctx, board)
    configured = {
        (r.name, k): int(r.trust.of(k)) for r in ([] if board.fleet_problem else ctx.fleet.repos) for k in _KINDS
    }
    records = track_record(ctx.store)
    seen = set(phases) | {(o.repo, o.kind) for o in recent} | set(records)
    lines = []
    for repo, kind in sorted(k for k in seen if k[1] in _KINDS):
        mine = [o for o in recent if (o.repo, o.kind) == (repo, kind)]
        phase = configured.get((repo, kind), 0)
        record = records.get((repo, kind), Record())
        lines.append(
            KindLine(
                repo=repo,
                kind=kind,
                phase=phase,
                in_flight=sum(o.result in {"in flight", "held"} for o in mine),
                results=Counter(o.result for o in mine),
                record=record,
                suggestion=recommend(record, TrustPhase(phase)) if phase else "not in the fleet file",
            )
        )
    return lines


def board(ctx: Context, *, days: int = 7, limit: int = 500) -> Board:
    """Everything the overview shows: finished work of the last ``days`` days and all work in flight."""
    result = Board(since=utcnow() - timedelta(days=days))
    heartbeat = (WorkKind.HEARTBEAT.value,)
    recent = outcomes(ctx.store, work_rows(ctx.store, exclude_kinds=heartbeat, since=result.since, limit=limit))
    waiting = work_rows(ctx.store, exclude_kinds=heartbeat, states=("queued", "held"), limit=limit)
    recent += [o for o in outcomes(ctx.store, waiting) if o.key not in {r.key for r in recent}]
    result.lines = _lines(ctx, result, recent)
    result.pulls = [o for o in recent if o.result in _PR_RESULTS]
    result.reports = [o for o in recent if o.result in REPORT_RESULTS]
    result.in_flight = [o for o in recent if o.result in {"in flight", "held"}]
    canary = rows(ctx.store, LedgerQuery(stage="deliver", key=None, routine=True, limit=50))
    result.canary = next((r for r in canary if r.key and ":heartbeat:" in r.key), None)
    return result


@dataclass(frozen=True)
class Timeline:
    """One key from finding to delivery: the finding, every ledger row in order, and the outcome."""

    outcome: Outcome
    finding: FindingRow | None
    events: Sequence[LedgerRow]


def key_timeline(ctx: Context, key: str) -> Timeline | None:
    """The timeline of ``key``, or ``None`` when no work has that key."""
    row = work_row(ctx.store, key)
    if row is None:
        return None
    found = outcomes(ctx.store, [row])[0]
    return Timeline(
        outcome=found, finding=findings.get(ctx.store, row.repo, row.fingerprint), events=timeline(ctx.store, key)
    )
