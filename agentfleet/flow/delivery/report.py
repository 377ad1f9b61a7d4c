"""What a human reads about a delivered job: PR body, report file and issue text, in markdown.

Fixer rationale, error messages and command output are untrusted: they are shown inside fences
(``InvestigationReport.to_markdown`` does the same for its parts), never as markup. A production error's
message may name a customer: titles and commit subjects never carry it (the exception type and where it
was raised do), and the body shows it fenced after the repo's ``errors.scrub`` patterns.
"""

from __future__ import annotations

import re
import textwrap

from agentfleet.contracts import ErrorEvidence, FixError, GateDecision, Job
from agentfleet.core.fleet import RepoConfig
from agentfleet.core.markdown import code, fence, safe_link
from agentfleet.core.scrub import DEFAULT_SCRUB, scrub
from agentfleet.flow.kinds import kind_of

__all__ = [
    "default_subject",
    "error_section",
    "error_subject",
    "gate_markdown",
    "job_markdown",
    "key_marker",
    "title_for",
]

_MARKER = "<!-- agentfleet:{key} -->"
_MAX_DIFF = 20_000
"""Characters of the diff shown in a body (GitHub caps a PR body at 65,536)."""
_LINK_TAGS = ("url", "issue_url", "web_url", "permalink")
"""Error tags that may carry a link to the error on its source (Sentry issue URL, …)."""
_TYPE_CHARS, _PATH_CHARS, _NAME_CHARS = r"\w.", r"\w./-", r"\w.<>?"
"""What an exception type, a path and a function name may keep in a title (production text is untrusted)."""


def key_marker(key: str) -> str:
    """The hidden line every PR body and report carries for its idempotency key (forges find issues by it)."""
    return _MARKER.format(key=key)


def default_subject(job: Job) -> str:
    """The work's title (from its finding) on one line, cut at a word within 120 characters."""
    item = job.item
    return textwrap.shorten(item.title or item.fingerprint, 120, placeholder=" …")


def _plain(text: str, allowed: str, limit: int) -> str:
    """``text`` reduced to the ``allowed`` characters (a regex class) and ``limit`` long."""
    return re.sub(f"[^{allowed}]", "", text)[:limit]


def _raised_at(job: Job, error: ErrorEvidence) -> tuple[str, str] | None:
    """(path or module, function) of the crash: the investigation's mapped site, else the innermost in-app frame."""
    site = job.report.crash_site if job.report is not None else None
    if site is not None and site.path:
        return site.path, site.function
    frame = next((f for f in reversed(error.frames) if f.in_app), None)
    return (frame.module or frame.filename, frame.function) if frame else None


def error_subject(job: Job) -> str:
    """``<ExceptionType> in <path>:<function>``: what was raised and where, never the message."""
    assert isinstance(job.item, FixError)
    error = job.item.error
    raised = _plain(error.exception_type, _TYPE_CHARS, 80) or "error"
    where = _raised_at(job, error)
    if where is None:
        return raised
    return f"{raised} in {_plain(where[0], _PATH_CHARS, 120)}:{_plain(where[1], _NAME_CHARS, 60)}"


def title_for(job: Job) -> str:
    """One line naming the work, for PR titles and commits: ``[agentfleet] <kind>: <the kind's subject>``."""
    return f"[agentfleet] {job.item.kind}: {kind_of(job.item.kind).part('title')(job)}"


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


def _scrub_patterns(repo: RepoConfig | None) -> dict[str, str]:
    return repo.errors.scrub if repo is not None else DEFAULT_SCRUB


def error_section(job: Job, repo: RepoConfig | None) -> list[str]:
    """``fix_error``'s own lines: the error (its message scrubbed, fenced), its link and its events."""
    assert isinstance(job.item, FixError)
    error = job.item.error
    link = next((safe for k in _LINK_TAGS if (safe := safe_link(error.tags.get(k, "")))), None)
    message = scrub(error.exception_value, _scrub_patterns(repo))
    lines = ["", "## The error", "", code(error_subject(job)), ""]
    lines += ["Message (scrubbed: emails, quoted strings and numbers are replaced by default):", ""]
    lines += [fence(message or "(none)")]
    lines += [f"- link: {link}"] if link else []
    lines += [f"- events: {', '.join(code(e) for e in error.event_ids[-5:])}"] if error.event_ids else []
    return lines


def job_markdown(job: Job, repo: RepoConfig | None = None) -> str:
    """PR body or report: the error and its link, root cause, tests run, investigation, gate report, diff.
    ``repo`` supplies the scrub patterns (the defaults without it)."""
    item = job.item
    lines = [key_marker(job.key), f"# [agentfleet] {item.kind}: {code(kind_of(item.kind).part('title')(job))}"]
    lines += [""]
    lines += [
        f"- repo: `{item.repo}`",
        f"- work: `{item.kind}`, key `{job.key}`",
        f"- base commit: `{item.base_commit}`",
    ]
    if (section := kind_of(item.kind).part("section")) is not None:
        lines += section(job, repo)
    if item.tried:
        lines += ["", "## Tried before, did not hold in production", ""]
        lines += [
            f"- #{t.pr_number} (merge `{t.merge_sha[:12]}`, `{t.author or '?'}`): {code(t.why)}" for t in item.tried
        ]
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
        lines += [f"- `{c.name}`: {'pass' if c.passed else 'FAIL'} — {code(c.headline)}" for c in ran] or ["none"]
    if job.report is not None:
        scrubbed = scrub(job.report.exception_value, _scrub_patterns(repo))
        lines += ["", job.report.model_copy(update={"exception_value": scrubbed}).to_markdown()]
    if job.decision is not None:
        lines += ["", gate_markdown(job.decision)]
    if job.patch is not None and job.patch.diff.strip():
        diff = job.patch.diff if len(job.patch.diff) <= _MAX_DIFF else job.patch.diff[:_MAX_DIFF] + "\n… (cut)\n"
        lines += ["", "## Diff", "", fence(diff, "diff")]
    return "\n".join(lines).rstrip() + "\n"
