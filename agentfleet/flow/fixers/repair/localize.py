"""Fault localisation: Ochiai over the coverage of failing vs passing tests, plus the crash frames.

``score = prior * ochiai + CRASH_WEIGHT * w``, where ``w`` is 1 for the innermost in-repo frame of a
crash (the failing tests' own tracebacks and the production stack trace), 1/2 for the next one out,
and so on; ``prior`` (see ``prior``) drops docstrings and slightly demotes trivial statements, and
the statement's complexity breaks ties.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from agentfleet.core.errors import PermanentError
from agentfleet.flow.fixers.repair.prior import LinePrior, line_priors
from agentfleet.flow.fixers.repair.spectrum import Spectrum

__all__ = ["CRASH_WEIGHT", "Location", "localize"]

CRASH_WEIGHT = 0.5


@dataclass(frozen=True)
class Location:
    """A suspicious line and why it is suspected."""

    path: str
    line: int
    score: float
    crash: float = 0.0
    """Weight from the crash frames (1 for the innermost frame, 0 when no crash passed here)."""


def _ochiai(spectrum: Spectrum, accept: Callable[[str], bool]) -> dict[tuple[str, int], float]:
    failing = {i for i, test in enumerate(spectrum.tests) if spectrum.outcomes[test] == "failed"}
    scores: dict[tuple[str, int], float] = {}
    if not failing or spectrum.lines is None:
        return scores
    for path, per_line in spectrum.lines.items():
        if not accept(path):
            continue
        for line, ids in per_line.items():
            ef = len(ids & failing)
            if ef:
                scores[(path, line)] = ef / math.sqrt(len(failing) * len(ids))
    return scores


def _crash_weights(
    traces: Iterable[Sequence[tuple[str, int]]], accept: Callable[[str], bool]
) -> dict[tuple[str, int], float]:
    weights: dict[tuple[str, int], float] = {}
    for frames in traces:
        inward = list(dict.fromkeys((p, n) for p, n in reversed(frames) if accept(p)))
        for depth, where in enumerate(inward):
            weights[where] = max(weights.get(where, 0.0), 1 / (depth + 1))
    return weights


def localize(
    spectrum: Spectrum,
    trace: Sequence[tuple[str, int]] = (),
    *,
    accept: Callable[[str], bool],
    read: Callable[[str], str] | None = None,
) -> list[Location]:
    """Suspicious lines of files ``accept`` admits, most suspicious first.

    ``trace`` is an extra stack trace (repo-relative path, line), innermost frame last; ``read``
    (path → text) enables the per-line prior.
    """
    ochiai = _ochiai(spectrum, accept)
    traces = [
        [(p, n) for p, n, _ in crash.frames]
        for test, crash in spectrum.crashes.items()
        if spectrum.outcomes.get(test) == "failed"
    ]
    crash = _crash_weights([*traces, list(trace)], accept)
    priors = _Priors(read)
    found = []
    for path, line in set(ochiai) | set(crash):
        prior = priors.get(path, line)
        if prior.factor == 0:
            continue
        o, c = ochiai.get((path, line), 0.0), crash.get((path, line), 0.0)
        found.append((Location(path, line, prior.factor * o + CRASH_WEIGHT * c, crash=c), prior.complexity))
    found.sort(key=lambda item: (-round(item[0].score, 9), -item[0].crash, -item[1], item[0].path, item[0].line))
    return [location for location, _ in found]


class _Priors:
    """Per-line priors, parsed once per file on first use (neutral without ``read``)."""

    def __init__(self, read: Callable[[str], str] | None) -> None:
        self.read = read
        self.files: dict[str, dict[int, LinePrior]] = {}

    def get(self, path: str, line: int) -> LinePrior:
        if self.read is None:
            return LinePrior()
        if path not in self.files:
            try:
                self.files[path] = line_priors(self.read(path))
            except (PermanentError, OSError, UnicodeDecodeError):
                self.files[path] = {}
        return self.files[path].get(line, LinePrior())
