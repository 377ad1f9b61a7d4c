"""``InvestigationReport``: an error mapped onto the code — where, who changed it last, does it reproduce.

The report is JSON on the wire and renders as markdown for humans (a report file, a forge issue).
Exception messages, code and commit summaries are untrusted text: the markdown shows them inside
code fences or inline code, never as markup.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from agentfleet.contracts.base import Contract, Fingerprint
from agentfleet.core.markdown import code, fence

__all__ = ["CodeLine", "CodeLocation", "InvestigationReport", "RegressionTest", "Reproduction", "SuspectCommit"]


class CodeLine(Contract):
    """One line of source around a crash."""

    lineno: int = Field(ge=1)
    text: str


class SuspectCommit(Contract):
    """A commit that last changed lines at (or next to) the crash, per ``git blame``."""

    sha: str = Field(pattern=r"^[0-9a-f]{7,64}$")
    author: str
    author_email: str = ""
    authored_at: datetime | None = None
    summary: str = ""
    """The commit's subject line (untrusted)."""
    path: str
    lines: tuple[int, ...]
    """Blamed lines of ``path`` this commit last changed."""
    on_crash_line: bool = False
    """It changed the very line the error was raised on."""
    removed: int = Field(default=0, ge=0)
    """Lines of the crashing function this commit deleted (blame cannot show them; ``git log -L`` can)."""


class CodeLocation(Contract):
    """A stack frame mapped to a file in the repository at the investigated commit."""

    frame_index: int = Field(ge=0)
    """Index in the event's frames (innermost last)."""
    reported: str
    """Filename as the error reported it."""
    path: str | None = None
    """Repository-relative path, when the frame maps to a file in the repo."""
    function: str = "?"
    lineno: int | None = None
    context: tuple[CodeLine, ...] = ()
    """Lines around ``lineno`` at the investigated commit."""
    line_matches: bool | None = None
    """Whether the code at ``lineno`` equals the frame's reported ``context_line`` (``None``: nothing to compare)."""


class Reproduction(Contract):
    """An attempt to make the error happen again by running related tests in a sandbox."""

    attempted: bool
    reproduced: bool | None = None
    """``True``: a test failed with the same exception; ``False``: it did not; ``None``: not attempted."""
    command: str = ""
    exit_code: int | None = None
    output: str = ""
    """Tail of the test run's output (untrusted)."""
    note: str = ""
    """Why it was not attempted, or what was observed."""


class RegressionTest(Contract):
    """A test written from the production error: the crashing call, replayed with production's arguments."""

    path: str
    """Repository-relative path of the new test file."""
    content: str
    call: str
    """The call it makes, e.g. ``bulk_discount(quantity=60)``."""


class InvestigationReport(Contract):
    """What the investigation stage learned about one error group."""

    repo: str
    fingerprint: Fingerprint
    commit: str = Field(pattern=r"^[0-9a-f]{7,64}$")
    """The commit the frames were mapped at."""
    commit_source: Literal["release", "default_branch"]
    """``release``: the event's release resolved to this commit; else the default branch's head."""
    release: str | None = None
    exception_type: str
    exception_value: str = ""
    """Untrusted text from production."""
    crash_site: CodeLocation | None = None
    """The innermost in-app frame that maps to a file in the repo."""
    locations: tuple[CodeLocation, ...] = ()
    """Every in-app frame, innermost last."""
    suspects: tuple[SuspectCommit, ...] = ()
    """Most likely first: the commit that changed the crash line leads."""
    related_tests: tuple[str, ...] = ()
    """Test files that exercise the crashing code, most relevant first."""
    reproduction: Reproduction = Field(default_factory=lambda: Reproduction(attempted=False))
    regression_test: RegressionTest | None = None
    """A test that reproduces the error (it failed with the same exception in the sandbox), when one exists."""
    notes: tuple[str, ...] = ()

    def to_markdown(self) -> str:
        """The report for humans; untrusted text stays inside code spans and fences."""
        lines = [f"# Investigation: {code(self.exception_type)} in `{self.repo}`", ""]
        lines += [f"- fingerprint: `{self.fingerprint}`", f"- commit: `{self.commit}` ({self.commit_source})"]
        if self.release:
            lines.append(f"- release: {code(self.release)}")
        lines += ["", "## Error", "", fence(f"{self.exception_type}: {self.exception_value}".strip()), ""]
        lines += _crash_section(self.crash_site)
        lines += _suspects_section(self.suspects)
        lines += ["## Related tests", ""]
        lines += [f"- {code(t)}" for t in self.related_tests] or ["none found"]
        lines += ["", *_reproduction_section(self.reproduction)]
        if self.regression_test:
            test = self.regression_test
            lines += ["## Regression test", "", f"{code(test.path)} replays {code(test.call)}:", ""]
            lines += [fence(test.content, "python"), ""]
        if self.notes:
            lines += ["## Notes", "", *(f"- {code(n)}" for n in self.notes), ""]
        return "\n".join(lines).rstrip() + "\n"


def _crash_section(site: CodeLocation | None) -> list[str]:
    if site is None:
        return ["## Crash site", "", "No in-app frame maps to a file in the repository.", ""]
    where = f"{site.path}:{site.lineno}" if site.lineno else str(site.path)
    lines = ["## Crash site", "", f"{code(where)} in {code(site.function)}", ""]
    if site.context:
        width = len(str(site.context[-1].lineno))
        body = "\n".join(
            f"{'>' if c.lineno == site.lineno else ' '} {c.lineno:>{width}}  {c.text}" for c in site.context
        )
        lines += [fence(body, "python" if site.path and site.path.endswith(".py") else "text"), ""]
    if site.line_matches is False:
        lines += ["The code at this line differs from what production reported: the file changed since.", ""]
    return lines


def _suspects_section(suspects: tuple[SuspectCommit, ...]) -> list[str]:
    lines = ["## Suspect commits", ""]
    if not suspects:
        return [*lines, "none (no blame information)", ""]
    lines += ["| commit | author | date | lines | summary |", "|---|---|---|---|---|"]
    for s in suspects:
        mark = " (crash line)" if s.on_crash_line else ""
        when = s.authored_at.date().isoformat() if s.authored_at else ""
        span = ", ".join(map(str, s.lines[:8])) + (f" (removed {s.removed})" if s.removed else "")
        lines.append(
            f"| `{s.sha[:12]}`{mark} | {code(s.author)} | {when} | {code(s.path)} {span} | {code(s.summary)} |"
        )
    return [*lines, ""]


def _reproduction_section(rep: Reproduction) -> list[str]:
    lines = ["## Reproduction", ""]
    if not rep.attempted:
        return [*lines, f"Not attempted: {code(rep.note or 'no related tests')}", ""]
    verdict = {True: "reproduced", False: "did not reproduce", None: "inconclusive"}[rep.reproduced]
    lines += [f"**{verdict}** — {code(rep.command)} exited {rep.exit_code}", ""]
    if rep.note:
        lines += [code(rep.note), ""]
    if rep.output:
        lines += [fence(rep.output), ""]
    return lines
