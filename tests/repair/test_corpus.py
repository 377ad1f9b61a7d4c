"""The corpus is sound: enough programs, every bug class, buggy fails, known fix passes visible and hidden tests."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

import pytest
from corpus_kit import bugs, combined_files

from agentfleet.analysis import is_test_file

pytestmark = [pytest.mark.bwrap, pytest.mark.slow]

CLASSES = {
    "comparison-operator",
    "arithmetic-operator",
    "boundary",
    "boolean-operator",
    "negation",
    "constant",
    "wrong-variable",
    "swapped-arguments",
    "missing-return",
    "extra-return",
    "none-guard",
    "base-case",
    "slice-bound",
    "delete-statement",
    "move-statement",
    "duplicate-statement",
}


def test_corpus_covers_every_bug_class_with_at_least_thirty_programs() -> None:
    corpus = bugs()
    assert len(corpus) >= 30
    assert {bug.kind for bug in corpus} >= CLASSES
    for bug in corpus:
        files = bug.repo_files()
        assert not is_test_file(bug.file), bug.name
        assert 1 <= bug.line <= files[bug.file].count("\n"), bug.name
        assert any(is_test_file(path) for path in files), bug.name
        assert bug.fixed_source() != files[bug.file], bug.name


def _failures_by_program(box, command: str) -> dict[str, int]:
    result = box.run(f"{command} -q -p no:cacheprovider --junitxml=junit.xml", timeout=300)
    assert result.exit_code in (0, 1), result.stdout[-2000:] + result.stderr[-2000:]
    failed: dict[str, int] = defaultdict(int)
    for case in ET.fromstring(box.read("junit.xml")).iter("testcase"):
        program = case.get("classname", "").split(".")[0]
        failed[program] += any(child.tag in ("failure", "error") for child in case)
    return failed


@pytest.mark.parametrize(
    ("fixed", "hidden", "expect_failures"),
    [(False, False, True), (True, True, False), (False, True, True)],
    ids=["buggy-visible-tests-fail", "fix-passes-visible-and-hidden", "buggy-fails-hidden"],
)
def test_every_program_behaves_as_its_metadata_says(repo_of, boxes_for, fixed, hidden, expect_failures) -> None:
    # Given every program in one real repo (each in its own directory), in a real sandbox
    repo, sha = repo_of(combined_files(fixed=fixed, hidden=hidden), name="corpus")
    with boxes_for(repo, sha) as (box,):
        # When pytest runs the whole lot (hidden tests only, when they are included)
        command = "python -m pytest " + ("-k hidden" if hidden else "")
        failed = _failures_by_program(box, command)
    # Then each program fails (or passes) as its metadata says
    for bug in bugs():
        assert (failed[bug.name] > 0) is expect_failures, bug.name
