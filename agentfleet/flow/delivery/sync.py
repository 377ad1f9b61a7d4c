"""Bring the track record up to date with the forge: merges, closes and reverts done by humans."""

from __future__ import annotations

import logging

from agentfleet.contracts import DeliveryState
from agentfleet.flow.delivery.record import record_review, review_rows
from agentfleet.forges import Forge, PRState
from agentfleet.store import Store, deliveries

__all__ = ["sync_reviews"]

log = logging.getLogger(__name__)

_DECIDED = (PRState.MERGED, PRState.CLOSED)
_OPEN = (DeliveryState.OPEN.value, DeliveryState.DRAFT.value)
_SETTLED = (DeliveryState.MERGED.value, DeliveryState.CLOSED.value)


def _reviewed(store: Store, repo: str) -> tuple[dict[str, str], set[str], set[tuple[str, int]]]:
    """Each key's newest merge SHA (``""`` when unknown), keys whose newest merge is recorded as reverted, and
    the (key, PR) pairs with a merge or close recorded.

    A key merged more than once (a reopened run's PR after a fix that did not hold) is judged by its newest
    merge: a revert recorded before it undid an older merge and does not count against the newest one.
    """
    merged: dict[str, str] = {}
    reverted: set[str] = set()
    decided: set[tuple[str, int]] = set()
    for row in review_rows(store, repo):  # newest first
        if not row.key:
            continue
        if row.outcome in ("merged", "closed"):
            decided.add((row.key, int(row.outputs.get("pr") or 0)))
        if row.outcome == "merged":
            merged.setdefault(row.key, str(row.outputs.get("merge_sha") or ""))
        elif row.outcome == "reverted" and row.key not in merged:
            reverted.add(row.key)
    return merged, reverted, decided


def sync_reviews(store: Store, repo: str, forge: Forge) -> list[str]:
    """Record what happened on ``forge`` to ``repo``'s agent PRs since last time; one line per change.

    Besides open PRs, a delivery already marked merged or closed without a review row is checked: a worker
    killed between an auto-merge and its review row (or a redelivery that found the PR decided) left it so.
    """
    changes = []
    decided = _reviewed(store, repo)[2]
    for row in deliveries.with_prs(store, repo=repo):
        unrecorded = row.state in _SETTLED and (row.key, row.pr_number) not in decided
        if row.pr_number is None or not (row.state in _OPEN or unrecorded):
            continue
        pr = forge.get_pr(row.pr_number)
        if pr.state in _DECIDED:
            record_review(
                store,
                repo=repo,
                key=row.key,
                outcome=pr.state.value,
                pr=pr.number,
                actor=f"forge:{forge.name}",
                merge_sha=pr.merge_sha,
            )
            changes.append(f"#{pr.number} {pr.state.value}")
    merged, reverted, _ = _reviewed(store, repo)
    undone = forge.reverted() if any(merged.values()) else set()
    for key, sha in merged.items():
        if sha and key not in reverted and any(sha.startswith(r) or r.startswith(sha) for r in undone):
            found = deliveries.get(store, key)
            number = found.pr_number if found and found.pr_number else 0
            record_review(store, repo=repo, key=key, outcome="reverted", pr=number, actor=f"forge:{forge.name}")
            changes.append(f"{key} reverted")
    log.info("review sync repo=%s changes=%d", repo, len(changes))
    return changes
