"""How far the search goes after the first plausible patch, counted in candidates, not seconds.

After the first plausible patch only contenders run (``contenders``), and at most ``size`` of them: the
window. Counted in wall-clock time it ended earlier on a busy host, so a better-ranked patch later in
search order ran on a quiet host and not on a loaded one, and which patch ranked first depended on the
load. Counted in candidates run in parallel it would still depend on timing: which results are back when
a batch is handed out decides what is in flight. So the window is judged by a *replay*: the finished runs
taken in search order (``Candidate.step``), as one worker running them one by one would have, skipping
what the bar of the plausible patches before each one leaves out, and stopping ``size`` contenders after
the first plausible patch or at ``max_plausible`` of them. The replay only goes as far as every earlier
candidate has finished (``pending``), so its verdict does not depend on which slot finished first, and at
the end it keeps the plausible patches that such a one-worker search would have found: the same ones
whatever the load, as long as the time budget is not what stopped the search. The parallel search never
skips a candidate the replay would run, since its bar knows at most the plausible patches before it.
"""

from __future__ import annotations

from dataclasses import dataclass

from agentfleet.flow.fixers.repair.contenders import Bar
from agentfleet.flow.fixers.repair.rank import EarlyKey

__all__ = ["Replay", "Run", "Window"]


@dataclass(frozen=True)
class Run:
    """One finished candidate run: where it is in search order, its early ranking key, whether it passed."""

    step: int
    id: int
    key: EarlyKey
    plausible: bool


@dataclass(frozen=True)
class Replay:
    """What a one-worker search over the finished runs did: the plausible patches it kept (ids, in search
    order) and whether it stopped (the window or ``max_plausible`` ended it)."""

    kept: tuple[int, ...]
    closed: bool


class Window:
    """The finished runs of a search and the one-worker replay that decides when it ends."""

    def __init__(self, size: int, max_plausible: int, *, behaviour: bool = False) -> None:
        self.size = size
        """Contenders run after the first plausible patch at most."""
        self.max_plausible = max_plausible
        self.behaviour = behaviour
        self._runs: list[Run] = []

    def add(self, run: Run) -> None:
        """A candidate finished (for good: not one to run again at a longer limit)."""
        self._runs.append(run)

    def replay(self, pending: int | None = None) -> Replay:
        """The one-worker search over the runs before step ``pending`` (the earliest candidate not finished
        yet; ``None``: every run)."""
        bar = Bar(behaviour=self.behaviour)
        kept: list[int] = []
        after_first = 0
        for run in sorted(self._runs, key=lambda r: (r.step, r.id)):
            if pending is not None and run.step >= pending:
                break
            if not bar.admits(run.key):
                continue
            if kept:
                after_first += 1
                if after_first > self.size:
                    return Replay(tuple(kept), closed=True)
            if run.plausible:
                kept.append(run.id)
                bar.lower_to(run.key)
                if len(kept) >= self.max_plausible:
                    return Replay(tuple(kept), closed=True)
        return Replay(tuple(kept), closed=False)
