"""One call that runs every analysis over the files a patch changes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from agentfleet.analysis.rewritten import rewritten_tests
from agentfleet.analysis.special_case import Literal, special_cases
from agentfleet.analysis.swallow import new_swallowed_exceptions, production_family
from agentfleet.analysis.testfiles import is_test_file
from agentfleet.analysis.violations import Violation
from agentfleet.analysis.weakening import weakened_tests

__all__ = ["FileChange", "review_changes"]


@dataclass(frozen=True)
class FileChange:
    """One file as it was and as it is after a patch (``None``: absent on that side)."""

    path: str
    before: str | None
    after: str | None


def _review(
    change: FileChange, literals: frozenset[Literal], allow_test_edits: bool, production: frozenset[str]
) -> list[Violation]:
    path, before, after = change.path, change.before, change.after
    found: list[Violation] = []
    test = is_test_file(path)
    if test and not allow_test_edits:
        found.append(Violation("test-edited", path, 1, "the patch changes a test file; this fixer may not"))
    if not path.endswith(".py"):
        return found
    if test:
        found += weakened_tests(before, after, path)
        if before is not None and after is not None:
            found += rewritten_tests(before, after, path)
    if after is not None:
        found += new_swallowed_exceptions(before, after, path, production if not test else frozenset())
        if not test:
            found += special_cases(before, after, literals, path)
    return found


def review_changes(
    changes: Iterable[FileChange],
    *,
    test_literals: frozenset[Literal] = frozenset(),
    allow_test_edits: bool = True,
    production_error: str | None = None,
) -> list[Violation]:
    """Every rule the changes break: weakened tests, new swallowed exceptions, special-cased test inputs.

    ``test_literals`` comes from ``literals_in_tests`` over the repo's test files; with
    ``allow_test_edits=False`` (the repair engine) touching a test file is itself a violation;
    ``production_error`` (an exception type name) makes code that catches it and carries on a swallow.
    """
    production = production_family(production_error)
    return [v for change in changes for v in _review(change, test_literals, allow_test_edits, production)]
