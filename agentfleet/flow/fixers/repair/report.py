"""Markdown for humans: why a repair patch is what it is, or what the search tried before giving up.

Test names and paths come from the repository (untrusted): they are shown in code spans only.
"""

from __future__ import annotations

from agentfleet.core.markdown import code
from agentfleet.flow.fixers.repair.engine import RepairResult

__all__ = ["learned", "rationale"]

_TOP = 5


def _search_lines(result: RepairResult) -> list[str]:
    search = result.search
    refused = ", ".join(f"{n} {why}" for why, n in sorted(result.discarded.items())) or "none"
    return [
        f"- failing tests: {', '.join(code(t) for t in result.failing[:_TOP]) or 'none'}"
        + (f" (+{len(result.failing) - _TOP} more)" if len(result.failing) > _TOP else ""),
        "- most suspicious lines: "
        + (
            ", ".join(f"{code(f'{loc.path}:{loc.line}')} ({loc.score:.2f})" for loc in result.locations[:_TOP])
            or "none"
        ),
        f"- candidates validated in the sandbox: {search.tried} ({search.timeouts} timed out); "
        f"{search.survivors} fixed the failing tests, {search.broke_suite} of those broke the suite"
        + (f"; {search.outranked} left unrun: they could not outrank the best patch" if search.outranked else ""),
        f"- candidates refused before running: {refused}",
        f"- time: {result.seconds:.1f} s",
    ]


def _reproduction_lines(result: RepairResult) -> list[str]:
    found = result.reproduction
    if found is None:
        return []
    return [
        f"No existing test failed, so the engine searched for a call that crashes like production did: "
        f"{code(found.call)} (found after {found.tried} tries). The patch adds it as the regression test "
        f"{code(found.path)}; it fails before the fix and passes after.",
        "",
    ]


def rationale(result: RepairResult) -> str:
    """Why the best patch: where, which template, what was run, what else was plausible."""
    best = result.best
    assert best is not None, "rationale needs a patch"
    candidate = best.candidate
    lines = [
        "## Offline repair (no LLM)",
        "",
        f"Changed {code(f'{candidate.path}:{candidate.line}')} with the `{candidate.template}` template "
        f"({best.size} characters). The failing tests now pass and so does the whole suite, run in a sandbox.",
        "",
        *_reproduction_lines(result),
        f"Suspiciousness rank of the line: {candidate.rank + 1}; passing tests that run it: {best.affected}.",
        f"Other plausible patches found: {len(result.patches) - 1}.",
        "",
        "### Search",
        "",
        *_search_lines(result),
        "",
        "The patch is a plausible fix: it passes every existing test. Review it as you would a colleague's.",
    ]
    return "\n".join(lines) + "\n"


def learned(result: RepairResult) -> str:
    """What the search tried when it found no patch, for the human who takes over."""
    lines = [f"No fix: {result.reason}.", "", *_search_lines(result)]
    if result.discarded.get("special-case") or result.discarded.get("swallowed-exception"):
        lines.append("- some candidates were refused because they special-cased a test input or hid an error")
    return "\n".join(lines) + "\n"
