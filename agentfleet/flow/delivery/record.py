"""The track record behind progressive trust: what humans did with agent PRs, kept in the ledger.

Every merge, close and revert of an agent PR is a ``review`` ledger row; ``track_record`` sums them
per repo × work kind and ``recommend`` turns that into a promotion or demotion to suggest. Nothing
here changes the configured phase: only a human editing the fleet file does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from agentfleet.contracts import DeliveryState, TrustPhase
from agentfleet.store import Store, deliveries, ledger

__all__ = ["REVIEW", "Record", "record_review", "recommend", "review_rows", "track_record"]

REVIEW = "review"
"""Ledger stage of review outcomes (``merged``, ``closed``, ``reverted``)."""
PROMOTE_AFTER = 5
"""Merged PRs, with none reverted and few closed, before a promotion is suggested."""
MAX_CLOSED_RATE = 0.2
"""Above this share of closed (unmerged) PRs, a promotion is not suggested."""
DEMOTE_CLOSED_RATE = 0.5
"""At or above this share of closed PRs (with at least 3 decided), a demotion is suggested."""


@dataclass
class Record:
    """What happened to one repo × kind's agent PRs."""

    merged: int = 0
    closed: int = 0
    reverted: int = 0

    @property
    def decided(self) -> int:
        """PRs a human (or auto-merge) has merged or closed."""
        return self.merged + self.closed


def record_review(
    store: Store, *, repo: str, key: str, outcome: str, pr: int, actor: str, merge_sha: str | None = None
) -> None:
    """Append one review outcome for the delivery ``key`` and move its delivery row along."""
    kind = key.split(":")[1] if key.count(":") >= 2 else ""
    outputs = {"pr": pr, "kind": kind, **({"merge_sha": merge_sha} if merge_sha else {})}
    ledger.append(store, stage=REVIEW, outcome=outcome, repo=repo, key=key, actor=actor, outputs=outputs)
    if outcome in (DeliveryState.MERGED.value, DeliveryState.CLOSED.value):
        deliveries.set_state(store, key, DeliveryState(outcome))


def review_rows(store: Store, repo: str | None = None) -> Sequence[ledger.LedgerRow]:
    """Every review row (merged, closed, reverted) in the ledger, newest first; of ``repo`` when given."""
    return ledger.recent(store, limit=1_000_000, repo=repo, stage=REVIEW)


def track_record(store: Store, *, repo: str | None = None) -> dict[tuple[str, str], Record]:
    """(repo, kind) → merged / closed / reverted counts, from the ledger."""
    records: dict[tuple[str, str], Record] = defaultdict(Record)
    for row in review_rows(store, repo):
        if row.repo and row.outcome in ("merged", "closed", "reverted"):
            record = records[(row.repo, str(row.outputs.get("kind", "")))]
            setattr(record, row.outcome, getattr(record, row.outcome) + 1)
    return dict(records)


def recommend(record: Record, phase: TrustPhase) -> str:
    """A suggestion for a human: ``promote to N``, ``demote to N`` or ``keep``, with the reason."""
    closed_rate = record.closed / record.decided if record.decided else 0.0
    lower = TrustPhase(max(int(phase) - 1, 1))
    if record.reverted and phase > TrustPhase.REPORT:
        return f"demote to {int(lower)}: {record.reverted} merged change(s) were reverted"
    if record.decided >= 3 and closed_rate >= DEMOTE_CLOSED_RATE and phase > TrustPhase.REPORT:
        return f"demote to {int(lower)}: {record.closed} of {record.decided} PRs were closed unmerged"
    earned = record.merged >= PROMOTE_AFTER and closed_rate <= MAX_CLOSED_RATE and not record.reverted
    if earned and phase < TrustPhase.AUTO_MERGE:
        return f"promote to {int(phase) + 1}: {record.merged} merged, {record.closed} closed, none reverted"
    return "keep"
