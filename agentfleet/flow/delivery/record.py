"""The track record behind progressive trust: what humans did with agent PRs, kept in the ledger.

Every merge, close and revert of an agent PR is a ``review`` ledger row, and every production verdict on a
merged change a ``verify`` row (``verified``, ``regressed``, ``caused``: see ``flow/verification``);
``track_record`` sums them per repo × work kind and ``recommend`` turns that into a promotion or demotion to
suggest. Nothing here changes the configured phase: only a human editing the fleet file does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from agentfleet.contracts import DeliveryState, TrustPhase
from agentfleet.store import Store, deliveries, ledger

__all__ = ["REVIEW", "VERIFY", "Record", "record_review", "recommend", "review_rows", "track_record"]

REVIEW = "review"
"""Ledger stage of review outcomes (``merged``, ``closed``, ``reverted``)."""
VERIFY = "verify"
"""Ledger stage of production verdicts on merged changes (``verified``, ``regressed``, ``caused``, …)."""
_COUNTED = ("merged", "closed", "reverted", "verified", "regressed", "caused")
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
    verified: int = 0
    """Merged changes that held in production."""
    regressed: int = 0
    """Merged changes whose problem came back from a release containing them."""
    caused: int = 0
    """Merged changes that caused a new error (a revert was proposed)."""

    @property
    def decided(self) -> int:
        """PRs a human (or auto-merge) has merged or closed."""
        return self.merged + self.closed

    @property
    def undone(self) -> list[str]:
        """What went wrong after merging, one phrase per outcome (a regression weighs like a revert)."""
        parts = [(self.reverted, "merged change(s) were reverted"), (self.regressed, "did not hold in production")]
        parts.append((self.caused, "caused a new error in production"))
        return [f"{n} {what}" for n, what in parts if n]


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
    """(repo, kind) → merged / closed / reverted / verified / regressed / caused counts, from the ledger."""
    records: dict[tuple[str, str], Record] = defaultdict(Record)
    verdicts = ledger.recent(store, limit=1_000_000, repo=repo, stage=VERIFY)
    for row in [*review_rows(store, repo), *verdicts]:
        if row.repo and row.outcome in _COUNTED:
            record = records[(row.repo, str(row.outputs.get("kind", "")))]
            setattr(record, row.outcome, getattr(record, row.outcome) + 1)
    return dict(records)


def recommend(record: Record, phase: TrustPhase, *, judged: bool = False) -> str:
    """A suggestion for a human: ``promote to N``, ``demote to N`` or ``keep``, with the reason.

    ``judged``: the kind's merges are judged in production, so a promotion needs verified changes, not merges.
    """
    closed_rate = record.closed / record.decided if record.decided else 0.0
    lower = TrustPhase(max(int(phase) - 1, 1))
    if record.undone and phase > TrustPhase.REPORT:
        return f"demote to {int(lower)}: {'; '.join(record.undone)}"
    if record.decided >= 3 and closed_rate >= DEMOTE_CLOSED_RATE and phase > TrustPhase.REPORT:
        return f"demote to {int(lower)}: {record.closed} of {record.decided} PRs were closed unmerged"
    proven = record.verified if judged else record.merged
    earned = proven >= PROMOTE_AFTER and closed_rate <= MAX_CLOSED_RATE and not record.undone
    if earned and phase < TrustPhase.AUTO_MERGE:
        held = f", {record.verified} verified in production" if judged else ""
        return f"promote to {int(phase) + 1}: {record.merged} merged{held}, {record.closed} closed, none reverted"
    if judged and record.merged >= PROMOTE_AFTER and phase < TrustPhase.AUTO_MERGE:
        return f"keep: a promotion needs {PROMOTE_AFTER} fixes verified in production ({record.verified} so far)"
    return "keep"
