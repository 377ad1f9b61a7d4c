"""Which merges are watched: every merge of an agent PR the track record knows (``review``/``merged`` ledger
rows), after asking the forge what humans merged (at most every ``SYNC_EVERY_S``)."""

from __future__ import annotations

import logging
from datetime import timedelta

from agentfleet.contracts import WorkKind, utcnow
from agentfleet.core.context import Context
from agentfleet.core.errors import AgentfleetError
from agentfleet.core.fleet import RepoConfig
from agentfleet.flow.delivery.sync import sync_reviews
from agentfleet.forges.factory import open_forge
from agentfleet.store import deliveries, deploys, verifications

__all__ = ["SYNC_EVERY_S", "WATCH_DAYS", "watch_merges"]

log = logging.getLogger(__name__)

SYNC_EVERY_S = 60.0
"""How often a verify pass asks the forge about agent PRs (merges done there, reverts)."""
WATCH_DAYS = 30
"""Merges recorded longer ago than this are not taken up (e.g. merges from before verification existed)."""


def _sync(ctx: Context, repo: RepoConfig) -> None:
    if not deliveries.list_open(ctx.store, repo=repo.name) or not deploys.sync_due(ctx.store, repo.name, SYNC_EVERY_S):
        return
    try:
        for change in sync_reviews(ctx.store, repo.name, open_forge(ctx, repo)):
            log.info("verify synced repo=%s %s", repo.name, change)
    except AgentfleetError as exc:  # the forge being down delays merges, it must not stop the verdicts
        log.warning("verify could not sync %s with its forge: %s", repo.name, exc)


def watch_merges(ctx: Context, repo: RepoConfig, kind: WorkKind) -> int:
    """Start watching ``repo``'s merges of ``kind`` work not watched yet; how many were new."""
    _sync(ctx, repo)
    new = 0
    since = utcnow() - timedelta(days=WATCH_DAYS)
    known = verifications.watched(ctx.store, repo.name)
    for merged in verifications.merges_since(ctx.store, repo.name, kind.value, since):
        if merged.outputs["merge_sha"] in known:
            continue
        key = merged.key or ""
        new += verifications.watch(
            ctx.store,
            repo=repo.name,
            key=key,
            kind=kind.value,
            fingerprint=key.split(":", 2)[-1],
            pr=int(merged.outputs["pr"]),
            merge_sha=str(merged.outputs["merge_sha"]),
            merged_at=merged.at,
        )
    return new
