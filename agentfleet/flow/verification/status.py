"""What operators read about verification: ``agentfleet status``'s section and ``agentfleet trust --history``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from agentfleet.flow.delivery.record import REVIEW, VERIFY
from agentfleet.store import Store, ledger, verifications
from agentfleet.store.verifications import State, VerificationRow

__all__ = ["HistoryEntry", "history", "status_lines"]

SHOWN = 10
"""Merges listed per state (the count covers them all)."""
_LABELS = (
    (State.AWAITING_DEPLOY, "awaiting deploy"),
    (State.AWAITING_VERDICT, "awaiting verdict"),
    (State.VERIFIED, "held (verified)"),
    (State.REGRESSED, "regressed (reopened)"),
    (State.CAUSED, "made it worse (revert proposed)"),
    (State.NOT_JUDGED, "not judged"),
)


def _detail(row: VerificationRow) -> str:
    parts = [row.deployed_by] if row.deployed_by else []
    parts += [f"revert PR #{row.revert_pr}"] if row.revert_pr else []
    parts += [row.note] if row.note else []
    return "; ".join(parts)


def status_lines(store: Store, *, repo: str | None = None) -> list[str]:
    """Merged agent changes by where they stand in production, newest first."""
    rows = verifications.listing(store, repo=repo, limit=1000)
    lines = [f"verification: {len(rows)} merged change(s) watched"]
    for state, label in _LABELS:
        mine = [r for r in rows if r.state == state.value]
        if not mine:
            continue
        lines.append(f"  {label}: {len(mine)}")
        for r in mine[:SHOWN]:
            lines.append(f"    {r.repo}  #{r.pr_number}  {r.kind}  merge {r.merge_sha[:12]}  {_detail(r)}".rstrip())
    return lines


@dataclass(frozen=True)
class HistoryEntry:
    """One thing that happened to an agent PR: a review (merged, closed, reverted) or a production verdict."""

    at: datetime
    kind: str
    pr: int | None
    event: str
    detail: str


def history(store: Store, repo: str, *, limit: int = 50) -> list[HistoryEntry]:
    """``repo``'s agent PRs over time, newest first: reviews and verdicts from the ledger."""
    rows = [*ledger.recent(store, limit=limit, repo=repo, stage=REVIEW)]
    rows += ledger.recent(store, limit=limit, repo=repo, stage=VERIFY)
    rows.sort(key=lambda r: r.id, reverse=True)
    entries = []
    for row in rows[:limit]:
        out = row.outputs
        sha = str(out.get("merge_sha") or "")
        detail = str(out.get("why") or out.get("deployed_by") or out.get("release") or (sha and f"merge {sha[:12]}"))
        pr = out.get("pr")
        entries.append(HistoryEntry(row.at, str(out.get("kind", "")), int(pr) if pr else None, row.outcome, detail))
    return entries
