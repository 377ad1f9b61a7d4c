"""The review of the touched files before and after the patch: tests not weakened, no swallowed exceptions,
no special-cased test inputs, no suspicious constructs on the lines the patch adds, ruff clean on them.

Special-casing is judged against every literal in the repository's tests (the base commit's test files,
the patch's and the investigation's regression test), as the repair engine does — less the constants
the changed file already had. Suspicious constructs reject below
``gate.flag_suspicious_from_phase``; from that phase on they are flagged for the reviewer, and the patch
is never low-risk. Findings that act on the test runner itself go to ``runner_config`` instead.
"""

from __future__ import annotations

import codecs
import json
import re
import subprocess
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from ruff.__main__ import find_ruff_bin

from agentfleet.analysis import (
    RUNNER_FAMILIES,
    FileChange,
    Literal,
    Violation,
    cut_test_data,
    introduced,
    is_test_file,
    is_test_support,
    literals_in_tests,
    returned_readings,
    review_changes,
    suspicious_constructs,
    weakened_tests,
)
from agentfleet.contracts import Check
from agentfleet.core.errors import PermanentError
from agentfleet.flow.gate.config import GateConfig
from agentfleet.flow.gate.diffview import DiffView, text_lines

__all__ = ["Review", "review_files", "ruff_added_lines", "ruff_changed_lines"]

_RULES = {
    "test-weakened": "tests_not_weakened",
    "swallowed-exception": "no_swallowed_exceptions",
    "special-case": "no_special_cases",
}
_CLEAN = {
    "tests_not_weakened": "no test deleted or weakened",
    "no_swallowed_exceptions": "no exception swallowed",
    "no_special_cases": "no comparison with a literal the tests use",
}


@dataclass
class Review:
    """The review's checks, plus what other checks and the low-risk rule need from it."""

    checks: list[Check] = field(default_factory=list)
    runner: list[Violation] = field(default_factory=list)
    """Added code that acts on the test runner (for ``runner_config``)."""
    flagged: list[str] = field(default_factory=list)
    """Suspicious constructs let through at this trust phase (the patch is not low-risk)."""
    unreadable: list[str] = field(default_factory=list)
    """Python files that do not parse after the patch (for ``readable``)."""


_CODING = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)", re.M)


def _check_encoding(path: str, text: str | None) -> None:
    """``ValueError`` when ``text`` declares a source encoding other than UTF-8: the gate reads UTF-8, and
    a file Python decodes otherwise (``# coding: unicode_escape``) can hide code in what reads as a comment."""
    head = b"\n".join((text or "").encode().splitlines()[:2])
    for match in _CODING.finditer(head):
        name = match.group(1).decode()
        try:
            canonical = codecs.lookup(name).name
        except LookupError:
            canonical = name
        if canonical not in ("utf-8", "ascii"):
            raise ValueError(f"{path}: declares the source encoding {name!r}; the gate reviews UTF-8 source only")


def _helpers_weakened(path: str, before: str | None, after: str | None) -> list[Violation]:
    """Assertion helpers (``assert*``) outside the test directories that lost assertions."""
    found = weakened_tests(before, after, path)
    return [v for v in found if v.message.startswith("assert") and ": assertions " in v.message]


def _test_inputs(literals: frozenset[Literal], before: str | None) -> frozenset[Literal]:
    """The test literals that are not already the file's own constants (``"confirmed"`` in a module that
    already says ``"confirmed"`` is a domain value, not a test's input)."""
    return literals - literals_in_tests([before]) if before else literals


def _suspicious(path: str, after: str, added: set[int], readings: frozenset[str]) -> list[Violation]:
    found = suspicious_constructs(after, path, test=is_test_file(path), readings=readings)
    return [v for v in found if v.line in added]


def _is_runner(violation: Violation) -> bool:
    return any(violation.message.startswith(f"[{family}]") for family in RUNNER_FAMILIES)


def _suspicious_check(found: list[Violation], phase: int, conf: GateConfig, review: Review) -> Check:
    if not found:
        return Check(name="suspicious_constructs", passed=True, evidence="nothing suspicious on the added lines")
    text = "; ".join(str(v) for v in found)
    if phase >= conf.flag_suspicious_from_phase:
        review.flagged = [str(v) for v in found]
        note = f"flagged for the reviewer (trust phase {phase} >= {conf.flag_suspicious_from_phase}; never low-risk)"
        return Check(name="suspicious_constructs", passed=True, evidence=f"{note}: {text}")
    why = f"rejected below trust phase {conf.flag_suspicious_from_phase}"
    return Check(name="suspicious_constructs", passed=False, evidence=f"{text} ({why})")


def review_files(
    view: DiffView, before: dict[str, str | None], after: dict[str, str | None], literals: frozenset[Literal],
    *, phase: int, conf: GateConfig, production_error: str | None = None, imported: Mapping[str, str] | None = None,
) -> Review:  # fmt: skip
    """Every analysis over the patch's Python files, as checks (``production_error``: the exception type of
    the error the work is about; code that catches it and carries on swallows it; ``imported``: path → text of the
    repository modules the patch imports without changing, whose functions' readings it may compare)."""
    review = Review()
    found: dict[str, list[str]] = {name: [] for name in _RULES.values()}
    suspicious: list[Violation] = []
    code = {p: t for p, t in after.items() if p.endswith(".py") and not is_test_file(p)}
    readings = returned_readings({**(imported or {}), **code})
    for change in view.files:
        path = change.path
        old, new = before.get(path), after.get(path)
        if not path.endswith(".py"):
            if old is not None and new is not None and is_test_support(path):
                found[_RULES["test-weakened"]] += map(str, cut_test_data(old, new, path))
            continue
        try:
            _check_encoding(path, after.get(path))
            inputs = _test_inputs(literals, before.get(path))
            change_ = [FileChange(path, before.get(path), after.get(path))]
            violations = review_changes(change_, test_literals=inputs, production_error=production_error)
            if not is_test_file(path):
                violations += _helpers_weakened(path, old, new)
            text = after.get(path)
            for violation in _suspicious(path, text, change.added_lines, readings) if text is not None else []:
                (review.runner if _is_runner(violation) else suspicious).append(violation)
        except ValueError as exc:  # not valid Python on one side: the file cannot be reviewed
            review.unreadable.append(str(exc))
            continue
        for violation in violations:
            if violation.rule in _RULES:
                found[_RULES[violation.rule]].append(str(violation))
    review.checks = [Check(name=n, passed=not hits, evidence="; ".join(hits) or _CLEAN[n]) for n, hits in found.items()]
    review.checks.append(_suspicious_check(suspicious, phase, conf, review))
    return review


def _ruff(text: str, path: str, select: list[str]) -> list[dict[str, object]]:
    # --ignore-noqa: a noqa comment the patch writes (a line's, a file's) silences its author's linter, not the gate
    argv = [find_ruff_bin(), "check", "--isolated", "--no-cache", "--ignore-noqa", "--select", ",".join(select)]
    argv += ["--output-format", "json", "--stdin-filename", path, "-"]
    done = subprocess.run(argv, input=text, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode not in (0, 1):
        raise PermanentError(f"ruff failed on {path}: {done.stderr.strip()[-500:]}")
    return list(json.loads(done.stdout or "[]"))


def _row(diag: dict[str, object]) -> int:
    return int(diag["location"]["row"])  # type: ignore[index]


def _keyed(diag: dict[str, object], lines: list[str]) -> tuple[object, str]:
    """A diagnostic as (rule, the code it points at): what stays the same when a patch moves that code
    (``if type(x) == int:`` → ``return type(x) == int`` in a helper)."""
    start, end = diag["location"], diag["end_location"]
    row = _row(diag)
    line = lines[row - 1] if 0 < row <= len(lines) else ""
    if end["row"] != row:  # type: ignore[index]
        return diag["code"], line.strip()
    return diag["code"], line[start["column"] - 1 : end["column"] - 1]  # type: ignore[index]


def ruff_added_lines(view: DiffView, after: dict[str, str | None], select: list[str]) -> list[str]:
    """``path:row: CODE message`` for what ruff's ``select`` rules report on a line the patch adds. A report
    the file already had before the patch (the same rule on the same code, now elsewhere: code moved
    into an extracted helper) is not the patch's."""
    hits = []
    for change in view.files:
        text, before = after.get(change.path), view.before.get(change.path)
        if not change.path.endswith(".py") or text is None:
            continue
        lines, found = text_lines(text), _ruff(text, change.path, select)
        added = [diag for diag in found if _row(diag) in change.added_lines]
        had: Counter[tuple[object, str]] = Counter()
        if added and before is not None:  # what the file reported before, less what its kept lines still report
            had = Counter(_keyed(diag, text_lines(before)) for diag in _ruff(before, change.path, select))
            had -= Counter(_keyed(diag, lines) for diag in found if _row(diag) not in change.added_lines)
        new = introduced(had.elements(), [(_keyed(diag, lines), diag) for diag in added])
        hits += [f"{change.path}:{_row(diag)}: {diag['code']} {diag['message']}" for diag in new]
    return hits


def ruff_changed_lines(view: DiffView, after: dict[str, str | None], select: list[str]) -> Check:
    """Ruff's ``select`` rules report nothing on a line the patch adds (ruff reads code, never runs it)."""
    hits = ruff_added_lines(view, after, select)
    evidence = "; ".join(hits) or f"ruff ({','.join(select)}) clean on added lines"
    return Check(name="ruff_changed_lines", passed=not hits, evidence=evidence)
