"""What stages produce: ``SandboxResult``, ``Patch`` / ``NoFix``, ``GateDecision``, ``Delivery``."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from agentfleet.contracts.base import Contract, utcnow

__all__ = [
    "Check",
    "Delivery",
    "DeliveryState",
    "GateDecision",
    "MonitorRun",
    "NoFix",
    "Patch",
    "SandboxResult",
    "Verdict",
]


class SandboxResult(Contract):
    """One command run inside a sandbox."""

    command: str
    exit_code: int
    """Process exit status; negative or 128+N when a signal ended it."""
    duration_s: float = Field(ge=0)
    stdout: str = ""
    """Head and tail of stdout, capped; a marker shows where bytes were dropped."""
    stderr: str = ""
    timed_out: bool = False
    killed_by: str | None = None
    """What ended the command early: ``timeout``, ``memory``, ``pids``, ``signal``; ``None`` if it exited."""
    stdout_bytes: int = 0
    """Bytes the command wrote to stdout (before capping)."""
    stderr_bytes: int = 0

    @property
    def ok(self) -> bool:
        """The command exited 0 on its own."""
        return self.exit_code == 0 and not self.timed_out and self.killed_by is None


class Patch(Contract):
    """A unified diff against ``base_commit`` and why it should be applied."""

    base_commit: str
    diff: str
    files: tuple[str, ...] = ()
    """Repository-relative paths the diff touches."""
    author: str
    """Which fixer produced it: ``agent``, ``repair``, ``recipe:<name>``, ``passthrough``."""
    rationale: str = ""
    """Markdown: root cause, what changed, what was run."""
    trajectory_id: str | None = None

    @property
    def is_empty(self) -> bool:
        """True when the diff changes nothing."""
        return not self.diff.strip()


class NoFix(Contract):
    """A fixer's honest answer when it found no fix it could stand behind."""

    author: str
    reason: str
    learned: str = ""
    """Markdown: what was tried and what was learned, for the human who takes over."""
    attempts: int = 0
    trajectory_id: str | None = None


class Verdict(StrEnum):
    """Where a patch may go. Ordered: a later verdict trusts the patch more."""

    REJECT = "reject"
    REPORT = "report"
    DRAFT_PR = "draft_pr"
    PR = "pr"
    AUTO_MERGE = "auto_merge"


class Check(Contract):
    """One check the gate ran, with its evidence."""

    name: str
    passed: bool
    evidence: str = ""
    """What was observed (capped output, the offending lines, numbers)."""

    @property
    def headline(self) -> str:
        """The evidence's first line (``""`` when there is none)."""
        return self.evidence.splitlines()[0] if self.evidence.strip() else ""


class GateDecision(Contract):
    """The gate's verdict on a patch, with every check it ran."""

    verdict: Verdict
    checks: tuple[Check, ...] = ()
    reasons: tuple[str, ...] = ()
    """Why the verdict is what it is, one line each."""
    low_risk: bool = False
    decided_at: datetime = Field(default_factory=utcnow)

    @property
    def passed(self) -> bool:
        """Every check passed (the verdict may still be a report because of trust)."""
        return all(check.passed for check in self.checks) and self.verdict is not Verdict.REJECT


class DeliveryState(StrEnum):
    """Where a delivery stands on its forge."""

    REPORTED = "reported"
    OPEN = "open"
    DRAFT = "draft"
    MERGED = "merged"
    CLOSED = "closed"
    SKIPPED = "skipped"


class Delivery(Contract):
    """What delivery did with a decision; one per idempotency key, updated on re-runs."""

    key: str
    """Idempotency key: ``repo:kind:fingerprint``."""
    forge: str
    repo: str
    state: DeliveryState
    branch: str | None = None
    pr_number: int | None = None
    url: str | None = None
    note: str = ""
    """Why it was skipped or held (budget, reject), when it was."""


class MonitorRun(Contract):
    """What one run of one monitor on one repo found and started."""

    repo: str
    monitor: str
    run_id: str
    findings: int
    started: tuple[str, ...] = ()
    """Idempotency keys of the work this run started."""
    counted: int = 0
    """Findings already in flight or cooling down."""
    held: tuple[str, ...] = ()
    """Budget holds, one line each."""
    unactionable: int = 0
    duration_s: float = 0.0
