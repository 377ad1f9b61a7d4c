"""The errors monitor: critical error groups become findings (triage dedupes them by fingerprint).

A group is reported only when it has events the findings table has not counted yet, and with
exactly that many as the finding's count. So a storm of one error is one finding (counted up on
each run), a quiet group is not reported again, and a group that recurs after its fix comes back
as a finding the work row's cooldown then decides about.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from redis.exceptions import RedisError

from agentfleet.contracts import ErrorEvidence, Finding, FindingKind, Severity, utcnow
from agentfleet.core.context import Context
from agentfleet.core.fleet import RepoConfig
from agentfleet.flow.verification.errors import verify_fixes
from agentfleet.ingest import read
from agentfleet.ingest.grouper import drain
from agentfleet.ingest.policy import judge
from agentfleet.store import findings

__all__ = ["ErrorsMonitor"]

log = logging.getLogger(__name__)

LOOKBACK_S = 86_400
"""Groups last seen longer ago than this (or the policy window, if longer) are not looked at."""
MAX_GROUPS = 1000


def evidence_of(group: read.ErrorGroup, event_ids: tuple[str, ...]) -> ErrorEvidence:
    """The finding evidence for ``group``."""
    return ErrorEvidence(
        exception_type=group.exception_type or "Message",
        exception_value=group.exception_value,
        frames=group.frames,
        level=group.level,
        handled=group.unhandled_count == 0,
        release=group.last_release,
        environment=group.environments[-1] if group.environments else None,
        transaction=group.transactions[-1] if group.transactions else None,
        tags=group.tags,
        event_ids=event_ids,
    )


class ErrorsMonitor:
    """Groups what ingest accepted, then reports the groups the repo's policy calls critical."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def _drain(self) -> None:
        if not self.ctx.store.records:  # a dry run: grouped events would be rolled back after the stream lost them
            log.info("errors monitor dry run: judging stored groups, leaving the ingest stream as it is")
            return
        try:
            drain(self.ctx.store, self.ctx.redis, self.ctx.settings.ingest)
        except RedisError as exc:
            log.warning("errors monitor could not drain the ingest stream (%s); judging stored groups", exc)

    def scan(self, repo: RepoConfig) -> list[Finding]:
        """Findings for the critical groups of ``repo`` that have events not yet counted."""
        self._drain()
        store, policy = self.ctx.store, repo.errors
        now = utcnow()
        since = now - timedelta(seconds=max(policy.window_s, LOOKBACK_S))
        releases = read.releases(store, repo.name, limit=2)
        found = []
        for group in read.list_groups(store, repo.name, since=since, limit=MAX_GROUPS):
            row = findings.get(store, repo.name, group.fingerprint)
            new = group.count - (row.count if row else 0)
            if new <= 0:
                continue
            window = now - timedelta(seconds=policy.window_s)
            window_count = read.count_since(store, repo.name, group.fingerprint, window) if policy.frequency else 0
            verdict = judge(group, policy, window_count=window_count, releases=releases)
            if verdict.critical:
                why = "; ".join(verdict.reasons)
                log.info("critical error repo=%s group=%s why=%s", repo.name, group.fingerprint, why)
                found.append(self._finding(group, verdict.severity, new))
        return found

    def verify(self, repo: RepoConfig, found: list[Finding]) -> None:
        """Judge ``repo``'s merged fixes in production (the ``verify`` step, on this monitor's schedule)."""
        for change in verify_fixes(self.ctx, repo):
            log.info("verify repo=%s %s", repo.name, change)

    def _finding(self, group: read.ErrorGroup, severity: Severity, new: int) -> Finding:
        recent = read.list_events(self.ctx.store, group.repo, group.fingerprint, limit=5)
        return Finding(
            kind=FindingKind.ERROR,
            repo=group.repo,
            fingerprint=group.fingerprint,
            severity=severity,
            title=group.title,
            evidence=evidence_of(group, tuple(e.event_id for e in reversed(recent))),
            first_seen=group.first_seen,
            last_seen=group.last_seen,
            count=new,
        )
