"""Existing tests rewritten rather than added to: a test, helper, fixture or case list the base commit had
that the patch changed word for word, and test data files that lost lines.

A patch the gate approves passed the base commit's tests against its code changes (``tests_still_pass``), so
it never *needs* to edit an existing test: an edit there can only loosen what the suite checks while keeping
every assertion the counts see (a tolerance ``< 0.005`` → ``< 5``, a case list cut to one, a recorded JSON
case removed). New tests, new helpers and new imports are additions and pass.
"""

from __future__ import annotations

import ast
from collections import Counter
from collections.abc import Iterator

from agentfleet.analysis._syntax import introduced, parse
from agentfleet.analysis.violations import Violation

__all__ = ["cut_test_data", "rewritten_tests"]

RULE = "test-weakened"
_IMPORTS = ast.Import | ast.ImportFrom


def _describe(node: ast.stmt) -> str:
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return node.name
    return ast.unparse(node).splitlines()[0][:60]


def _missing(old: list[ast.stmt], new: list[ast.stmt], owner: str = "") -> Iterator[tuple[int, str]]:
    """The statements of ``old`` (imports aside; a class by its own statements) that ``new`` lacks."""
    classes = {n.name: n for n in new if isinstance(n, ast.ClassDef)}
    kept = (ast.dump(n) for n in new if not isinstance(n, _IMPORTS | ast.ClassDef))
    plain = [n for n in old if not isinstance(n, _IMPORTS) and not (isinstance(n, ast.ClassDef) and n.name in classes)]
    gone = {id(n) for n in introduced(kept, [(ast.dump(n), n) for n in plain])}
    for node in old:
        if isinstance(node, ast.ClassDef) and node.name in classes:
            yield from _missing(node.body, classes[node.name].body, f"{owner}{node.name}.")
        elif id(node) in gone:
            yield node.lineno, owner + _describe(node)


def rewritten_tests(before: str, after: str, path: str) -> list[Violation]:
    """The statements of the test file ``path`` at the base commit that the patch changed or removed."""
    old, new = parse(before, path), parse(after, path)
    return [
        Violation(RULE, path, line, f"{what} was rewritten: a patch may add tests, not change the existing ones")
        for line, what in _missing(old.body, new.body)
    ]


def cut_test_data(before: str, after: str, path: str) -> list[Violation]:
    """Lines the test data file ``path`` (JSON, YAML, CSV… read by the tests) had and no longer has."""
    gone = Counter(before.splitlines()) - Counter(after.splitlines())
    if not gone:
        return []
    message = f"test data loses {gone.total()} line(s): a patch may add recorded cases, not change or remove them"
    return [Violation(RULE, path, 0, message)]
