"""The verification tables and queries on both store backends (SQLite, PostgreSQL)."""

from __future__ import annotations

import uuid
from datetime import timedelta

from agentfleet.contracts import ErrorEvidence, FixError, Job, TriedPatch, utcnow
from agentfleet.core.context import Context
from agentfleet.ingest.event import ErrorEvent
from agentfleet.ingest.record import record_batch
from agentfleet.store import deploys, verifications, work
from agentfleet.store.verifications import State

SHA = "a" * 40


def _watch(ctx: Context, merge: str = SHA) -> bool:
    return verifications.watch(
        ctx.store,
        repo="svc",
        key="svc:fix_error:fp",
        kind="fix_error",
        fingerprint="fp",
        pr=1,
        merge_sha=merge,
        merged_at=utcnow(),
    )


def test_a_merge_is_watched_once_and_moves_by_compare_and_set(store_ctx: Context) -> None:
    assert _watch(store_ctx) is True
    assert _watch(store_ctx) is False
    (row,) = verifications.pending(store_ctx.store, "svc", "fix_error")
    assert verifications.watched(store_ctx.store, "svc") == {SHA}
    assert verifications.advance(store_ctx.store, row.id, expect=row.state, state=State.AWAITING_VERDICT)
    assert not verifications.advance(store_ctx.store, row.id, expect=State.AWAITING_DEPLOY.value, state=State.VERIFIED)
    tried = TriedPatch(diff="d", merge_sha=SHA, why="did not hold")
    fields = {"tried": tried.model_dump(mode="json")}
    assert verifications.advance(store_ctx.store, row.id, expect="awaiting_verdict", state=State.REGRESSED, **fields)
    (final,) = verifications.listing(store_ctx.store, repo="svc")
    assert (final.state, final.verdict_at is not None) == ("regressed", True)
    assert verifications.tried_for(store_ctx.store, "svc:fix_error:fp") == (tried,)
    assert verifications.pending(store_ctx.store, "svc", "fix_error") == []


def test_reopening_holds_finished_work_only(store_ctx: Context) -> None:
    item = FixError(repo="svc", base_commit="b" * 40, fingerprint="fp", error=ErrorEvidence(exception_type="E"))
    job = Job(item=item)
    work.claim(store_ctx.store, job, run_id="r1", cooldown_s=3600, stale_s=3600)
    assert not verifications.reopen(store_ctx.store, job.key, job.model_dump(mode="json"))  # still queued
    work.finish(store_ctx.store, job)
    assert verifications.reopen(store_ctx.store, job.key, job.model_dump(mode="json"))
    assert [j.key for j in work.resumable(store_ctx.store, "svc", stale_s=3600)] == [job.key]


def test_events_are_read_with_their_release_and_releases_are_remembered(store_ctx: Context) -> None:
    now = utcnow()
    events = [
        ErrorEvent(event_id=uuid.uuid4().hex, repo="svc", fingerprint=f"fp{i}", timestamp=now, received=now, release=r)
        for i, r in enumerate(("v1", None))
    ]
    with store_ctx.store.session() as session:
        record_batch(session, events, bucket_s=60, keep=50)
    seen = deploys.events_since(store_ctx.store, "svc", now - timedelta(seconds=1))
    assert [(e.fingerprint, e.release) for e in seen] == [("fp0", "v1"), ("fp1", None)]
    assert [r for r, _ in deploys.release_times(store_ctx.store, "svc", now - timedelta(hours=1))] == ["v1"]
    assert deploys.remember_release(store_ctx.store, "svc", "v1", None) is True
    assert deploys.remember_release(store_ctx.store, "svc", "v1", SHA) is False
    assert deploys.known_releases(store_ctx.store, "svc")["v1"][0] == SHA
    deploys.declare(store_ctx.store, "svc", SHA, actor="cli:alice")
    assert [c for c, _ in deploys.declared(store_ctx.store, "svc")] == [SHA]
    assert deploys.sync_due(store_ctx.store, "svc", 60) is True
    assert deploys.sync_due(store_ctx.store, "svc", 60) is False
    assert deploys.sync_due(store_ctx.store, "svc", 60, now=utcnow() + timedelta(seconds=61)) is True
