"""What production said about one deployed fix: traffic from releases containing it, recurrences of its
group, and new groups whose in-app frames run lines the fix changed.

Windows count on the fleet's clock (when ingest received an event), never the app's ``timestamp``: a
service whose clock is off by hours is judged like any other. Events that map to no commit (no release,
an unmapped one, and no deploy declared before them) are counted apart and judge nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from agentfleet.contracts import Frame
from agentfleet.flow.verification.commits import Commits
from agentfleet.flow.verification.deploys import Deploys
from agentfleet.ingest import read
from agentfleet.ingest.event import ErrorEvent
from agentfleet.store import Store, deploys
from agentfleet.store.verifications import VerificationRow

__all__ = ["SKEW", "Cause", "Events", "Observed", "Touch", "observe"]

SKEW = timedelta(minutes=5)
"""Events received this long before the deploy time are still read (fleet hosts' clocks differ a little)."""


@dataclass(frozen=True)
class Touch:
    """An in-app frame of a new error on a line the fix changed."""

    path: str
    line: int
    function: str


@dataclass(frozen=True)
class Cause:
    """A new error group the fix made: first seen in a release containing it, in lines it changed."""

    fingerprint: str
    event: ErrorEvent
    commit: str
    """The commit the event came from."""
    touches: tuple[Touch, ...]


@dataclass
class Observed:
    """Everything one pass saw for one fix."""

    traffic: int = 0
    """Events (any group) from releases containing the fix."""
    recurrences: list[deploys.EventSeen] = field(default_factory=list)
    """Events of the fix's own group from releases containing it."""
    cause: Cause | None = None
    checked: set[str] = field(default_factory=set)
    """New groups examined so far (kept on the row so each is examined once)."""
    unattributed: int = 0
    """Events from no known commit (no release, an unmapped one, no deploy declared)."""


def touches(commits: Commits, commit: str, frames: tuple[Frame, ...], changed: frozenset[str]) -> tuple[Touch, ...]:
    """The in-app ``frames`` on lines that one of the ``changed`` commits last changed, as of ``commit``."""
    index = commits.index(commit)
    found = []
    for frame in frames:
        path = index.path_of(frame) if frame.in_app and frame.lineno else None
        if path and frame.lineno and commits.introduced(commit, path, frame.lineno) in changed:
            found.append(Touch(path, frame.lineno, frame.function))
    return tuple(found)


def _new_in_fix(store: Store, row: VerificationRow, fingerprint: str, commits: Commits, deployed: Deploys) -> bool:
    """The group was first seen in a release containing the fix (not an old error that happens to recur)."""
    group = read.get_group(store, row.repo, fingerprint)
    if group is None:
        return False
    first = deployed.commit_at(group.first_release, group.first_seen)
    return first is not None and commits.contains(first, row.merge_sha)


def _cause(
    store: Store, row: VerificationRow, candidates: dict[str, tuple[str, str]], commits: Commits, deployed: Deploys
) -> tuple[Cause | None, set[str]]:
    """The first new group among ``candidates`` (fingerprint → (event id, commit)) touching the fix's lines."""
    if not candidates:
        return None, set()
    changed = commits.changed_by(row.merge_sha)
    checked: set[str] = set()
    for fingerprint, (event_id, commit) in candidates.items():
        checked.add(fingerprint)
        event = read.get_event(store, row.repo, event_id)
        if event is None or not _new_in_fix(store, row, fingerprint, commits, deployed):
            continue
        found = touches(commits, commit, event.frames, changed)
        if found:
            return Cause(fingerprint, event, commit, found), checked
    return None, checked


class Events:
    """The kept events of one repo, read once per pass from the earliest time any fix needs."""

    def __init__(self, store: Store, repo: str) -> None:
        self.store, self.repo = store, repo
        self._since: datetime | None = None
        self._events: Sequence[deploys.EventSeen] = ()

    def since(self, when: datetime) -> list[deploys.EventSeen]:
        """Events received since ``when``, oldest first."""
        if self._since is None or when < self._since:
            self._since, self._events = when, deploys.events_since(self.store, self.repo, when)
        return [e for e in self._events if e.received >= when]


def observe(store: Store, row: VerificationRow, commits: Commits, deployed: Deploys, events: Events) -> Observed:
    """What production reported about the deployed fix ``row`` since it was deployed."""
    assert row.deployed_at is not None
    seen = Observed(checked=set(row.checked))
    candidates: dict[str, tuple[str, str]] = {}
    for event in events.since(row.deployed_at - SKEW):
        commit = deployed.commit_at(event.release, event.received)
        if commit is None:
            seen.unattributed += 1
            continue
        if not commits.contains(commit, row.merge_sha):
            continue
        seen.traffic += 1
        if event.fingerprint == row.fingerprint:
            seen.recurrences.append(event)
        elif event.fingerprint not in seen.checked:
            candidates.setdefault(event.fingerprint, (event.event_id, commit))
    seen.cause, checked = _cause(store, row, candidates, commits, deployed)
    seen.checked |= checked
    return seen
