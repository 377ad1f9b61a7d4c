"""The critical policy: which error groups deserve work, by the repo's ``[repos.errors]`` rules."""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase

from agentfleet.contracts import Severity
from agentfleet.ingest.config import ErrorPolicy
from agentfleet.ingest.read import ErrorGroup

__all__ = ["Verdict", "judge"]


@dataclass(frozen=True)
class Verdict:
    """Why a group is critical (no reasons: it is not) and how severe it is."""

    reasons: tuple[str, ...]
    severity: Severity

    @property
    def critical(self) -> bool:
        """At least one rule matched."""
        return bool(self.reasons)


def _matches(values: tuple[str, ...] | list[str], patterns: list[str]) -> str | None:
    for value in values:
        for pattern in patterns:
            if fnmatchcase(value, pattern):
                return value
    return None


def _pattern_reasons(group: ErrorGroup, policy: ErrorPolicy) -> list[str]:
    reasons = []
    transaction = _matches(group.transactions, policy.transactions)
    if transaction:
        reasons.append(f"transaction {transaction!r} matches a critical pattern")
    for name, patterns in policy.tags.items():
        value = group.tags.get(name)
        if value is not None and _matches([value], patterns):
            reasons.append(f"tag {name}={value!r} matches a critical pattern")
    return reasons


def judge(group: ErrorGroup, policy: ErrorPolicy, *, window_count: int, releases: list[str]) -> Verdict:
    """The verdict on ``group``: ``window_count`` events in the policy window; ``releases`` newest first."""
    if policy.environments and not set(group.environments) & set(policy.environments):
        return Verdict((), Severity.LOW)
    reasons = []
    if group.level in policy.levels:
        reasons.append(f"level {group.level}")
    if policy.unhandled and group.unhandled_count:
        reasons.append(f"unhandled ({group.unhandled_count} event(s))")
    if policy.frequency and window_count >= policy.frequency:
        reasons.append(f"{window_count} events in {policy.window_s}s (threshold {policy.frequency})")
    reasons += _pattern_reasons(group, policy)
    if policy.new_in_release and len(releases) > 1 and group.first_release == releases[0]:
        reasons.append(f"new in the latest release {releases[0]!r}")
    severe = group.level == "fatal" or group.unhandled_count > 0
    return Verdict(tuple(reasons), Severity.CRITICAL if severe else Severity.HIGH)
