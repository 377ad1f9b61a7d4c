"""What the refactor work tells humans: the patch rationale, the PR title, and the PR body's own section.

The section shows what the *gate* measured — the metric before → after, the covered lines, the differential
tests, the API — from its checks; the fixer's own account is in the rationale, shown as unverified text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from agentfleet.contracts import Job, Refactor
from agentfleet.core.markdown import code
from agentfleet.flow.monitors.quality.findings import describe_metric

if TYPE_CHECKING:
    from agentfleet.core.fleet import RepoConfig
    from agentfleet.flow.fixers.refactor.fixer import Attempt

__all__ = ["EVIDENCE", "rationale", "section", "title"]

EVIDENCE = ("metric_improves", "changed_lines_covered", "differential_tests", "api_unchanged", "test_suite")
"""The gate checks whose first line the PR body shows, in this order."""


def _item(job: Job) -> Refactor:
    assert isinstance(job.item, Refactor), f"refactor report for {job.item.kind} work"
    return job.item


def rationale(item: Refactor, attempt: Attempt) -> str:
    """Markdown for the patch: the rule, the metric before → after (the fixer's count), each step."""
    lines = [
        f"Refactor of `{item.function}` in `{item.path}` for `{item.rule}`: "
        f"{attempt.metric_before:g} → {attempt.metric_after:g} (the gate measures again).",
        "",
        "Changes:",
        *[f"- {step}" for step in attempt.steps],
    ]
    if attempt.tried:
        lines += ["", "Tried without a change:", *[f"- {t}" for t in attempt.tried]]
    return "\n".join(lines)


def title(job: Job) -> str:
    """The PR title's subject, ``lower complexity of path::function (14 → 9)``, the gate's figures when known."""
    item = _item(job)
    figures = ""
    if job.decision is not None:
        check = next((c for c in job.decision.checks if c.name == "metric_improves"), None)
        if check is not None and check.passed and "→" in check.evidence:
            figures = " (" + check.evidence.splitlines()[0].rpartition(": ")[2].split(" (", 1)[0] + ")"
    verb = "raise" if item.rule == "maintainability" else "lower"
    return f"{verb} {item.rule} of {item.path}::{item.function}{figures}"[:220]


def section(job: Job, repo: RepoConfig | None = None) -> list[str]:
    """The PR body's own part: rule, metric before → after, the change, and the behaviour evidence."""
    item = _item(job)
    limit = item.limits.get(item.rule)
    lines = [
        "",
        "## Refactor",
        "",
        f"- function: {code(f'{item.path}::{item.function}')} (lines {item.span[0]}–{item.span[1]})",
        f"- rule: {code(item.rule)} (measured {describe_metric(item.rule, item.metrics)}"
        + (f", threshold {limit:g})" if limit is not None else ")"),
    ]
    if len(item.rules) > 1:
        lines.append(f"- also crossed: {', '.join(code(r) for r in item.rules[1:])}")
    if job.patch is not None:
        changes = job.patch.rationale.partition("Changes:")[2].partition("\n\n")[0].strip().splitlines()
        lines += ["- change (from the fixer):", *[f"  - {code(c.lstrip('- '))}" for c in changes[:10]]]
    checks = {c.name: c for c in job.decision.checks} if job.decision else {}
    shown = [name for name in EVIDENCE if name in checks and checks[name].evidence]
    if shown:
        lines += ["", "Behaviour evidence (measured by the gate):", ""]
        lines += [f"- {name}: {code(checks[name].evidence.splitlines()[0])}" for name in shown]
    return lines
