"""What a human reads about a delivered job: PR body, report file and issue text, in markdown.

Fixer rationale, error messages and command output are untrusted: they are shown inside fences
(``InvestigationReport.to_markdown`` does the same for its parts), never as markup.
"""

from __future__ import annotations

from agentfleet.contracts import FixError, GateDecision, Job
from agentfleet.core.markdown import code, fence, safe_link
from agentfleet.flow.kinds import kind_of

__all__ = ["default_title", "error_section", "gate_markdown", "job_markdown", "title_for"]

_MARKER = "<!-- agentfleet:{key} -->"
_MAX_DIFF = 20_000
"""Characters of the diff shown in a body (GitHub caps a PR body at 65,536)."""
_LINK_TAGS = ("url", "issue_url", "web_url", "permalink")
"""Error tags that may carry a link to the error on its source (Sentry issue URL, …)."""


def _summary(job: Job) -> str:
    item = job.item
    return " ".join((item.title or item.fingerprint).split())[:120]


def default_title(job: Job) -> str:
    """One line naming the work, for PR titles and commits: ``[agentfleet] fix_error: <title>``."""
    return f"[agentfleet] {job.item.kind}: {_summary(job)}"


def title_for(job: Job) -> str:
    """The PR, issue and commit title: the work-kind table's ``title`` for the job's kind."""
    title: str = kind_of(job.item.kind).part("title")(job)
    return title


def gate_markdown(decision: GateDecision) -> str:
    """The gate report: verdict, reasons, every check with its evidence."""
    lines = ["## Gate report", "", f"**Verdict:** `{decision.verdict.value}` (low-risk: {decision.low_risk})", ""]
    lines += [f"- {code(reason)}" for reason in decision.reasons] + [""]
    lines += ["| check | result |", "| --- | --- |"]
    lines += [f"| `{c.name}` | {'pass' if c.passed else '**FAIL**'} |" for c in decision.checks]
    for check in decision.checks:
        if check.evidence:
            lines += ["", f"<details><summary>{check.name}</summary>", "", fence(check.evidence), "", "</details>"]
    return "\n".join(lines) + "\n"


def error_section(job: Job) -> list[str]:
    """``fix_error``'s own lines: the error, its link and its events."""
    assert isinstance(job.item, FixError)
    error = job.item.error
    link = next((safe for k in _LINK_TAGS if (safe := safe_link(error.tags.get(k, "")))), None)
    lines = ["", "## The error", "", fence(f"{error.exception_type}: {error.exception_value}".strip())]
    lines += [f"- link: {link}"] if link else []
    lines += [f"- events: {', '.join(code(e) for e in error.event_ids[-5:])}"] if error.event_ids else []
    return lines


def job_markdown(job: Job) -> str:
    """PR body or report: the error and its link, root cause, tests run, investigation, gate report, diff."""
    item = job.item
    lines = [_MARKER.format(key=job.key), f"# [agentfleet] {item.kind}: {code(_summary(job))}", ""]
    lines += [
        f"- repo: `{item.repo}`",
        f"- work: `{item.kind}`, key `{job.key}`",
        f"- base commit: `{item.base_commit}`",
    ]
    if (section := kind_of(item.kind).part("section")) is not None:
        lines += section(job)
    if job.patch is not None:
        lines += [
            "",
            "## Root cause and change (from the fixer, unverified text)",
            "",
            fence(job.patch.rationale or "-"),
        ]
        lines += ["", f"Patch by `{job.patch.author}`."]
    if job.no_fix is not None:
        lines += ["", "## No verified fix", "", f"Tried by `{job.no_fix.author}` ({job.no_fix.attempts} attempts):", ""]
        lines += [fence(job.no_fix.reason)]
        if job.no_fix.learned:
            lines += ["", "What was learned (from the fixers, unverified text):", "", fence(job.no_fix.learned)]
    if job.decision is not None:
        ran = [c for c in job.decision.checks if c.name in {"fixes_the_error", "test_suite"}]
        lines += ["", "## Tests run by the gate", ""]
        lines += [
            f"- `{c.name}`: {'pass' if c.passed else 'FAIL'} — {code(c.evidence.splitlines()[0])}" for c in ran
        ] or ["none"]
    if job.report is not None:
        lines += ["", job.report.to_markdown()]
    if job.decision is not None:
        lines += ["", gate_markdown(job.decision)]
    if job.patch is not None and job.patch.diff.strip():
        diff = job.patch.diff if len(job.patch.diff) <= _MAX_DIFF else job.patch.diff[:_MAX_DIFF] + "\n… (cut)\n"
        lines += ["", "## Diff", "", fence(diff, "diff")]
    return "\n".join(lines).rstrip() + "\n"
