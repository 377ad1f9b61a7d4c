"""The corpus is sound: enough programs, every bug class, buggy fails, known fix passes visible and hidden tests."""

from __future__ import annotations

from collections import Counter

import pytest
from corpus_kit import (
    BLIND,
    BLIND3,
    BLIND4,
    BLIND5,
    BLIND6,
    BLIND7,
    BLIND8,
    BLIND9,
    BLIND10,
    FRESH,
    HELD_BACK,
    PROBE_MEMORY,
    SPLITS,
    TUNING,
    bugs,
    combined_files,
)

from agentfleet.analysis import is_test_file
from agentfleet.flow.fixers.repair.runner import run_probe
from agentfleet.flow.fixers.repair.spectrum import Spectrum

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
NEW_FAMILIES = {
    "ingredient-statement",
    "ingredient-expression",
    "call-wrap",
    "call-argument",
    "slice-index",
    "condition-clause",
    "two-edits",
    "return-value",
}


def test_corpus_covers_every_bug_class_with_a_held_back_half() -> None:
    corpus = bugs()
    held_back = bugs(split=HELD_BACK)
    assert len(corpus) >= 80
    fresh = bugs(split=FRESH)
    blind_splits = (BLIND, BLIND3, BLIND4, BLIND5, BLIND6, BLIND7, BLIND8, BLIND9, BLIND10)
    blind = [bug for split in blind_splits for bug in bugs(split=split)]
    # 44 of 128 since the textbook tuning programs (103-128); the blind checks are apart
    assert len(held_back) >= (len(corpus) - len(fresh) - len(blind)) // 3
    assert len(fresh) >= 12
    assert len(blind) >= 52
    assert {bug.split for bug in corpus} == set(SPLITS)
    assert {bug.kind for bug in bugs(split=TUNING)} >= CLASSES | NEW_FAMILIES
    assert {bug.kind for bug in held_back} >= NEW_FAMILIES - {"ingredient-expression"}
    assert len({bug.number for bug in corpus}) == len(corpus)
    for bug in corpus:
        files = bug.repo_files()
        assert not is_test_file(bug.file), bug.name
        assert 1 <= bug.line <= files[bug.file].count("\n"), bug.name
        assert any(is_test_file(path) for path in files), bug.name
        assert bug.fixed_source() != files[bug.file], bug.name


def _failures_by_program(box) -> Counter[tuple[str, bool]]:
    """Failed tests per (program, hidden test?), from one run of the engine's own probe without coverage
    over every test the repo has. A test that hangs on its bug fails at 5 s, the ones after it at 1 s (a bug's
    run only needs a failure; known fixes hang nowhere, so their run keeps the 5 s limit)."""
    report = run_probe(
        box, [], timeout=900, test_timeout=5.0, hung_test_timeout=1.0, memory_bytes=PROBE_MEMORY, coverage=False
    )
    failed: Counter[tuple[str, bool]] = Counter()
    for test in Spectrum.from_report(report).failing:
        program, path = test.split("/", 1)
        failed[program, path.startswith("test_hidden_")] += 1
    return failed


@pytest.mark.parametrize("fixed", [False, True], ids=["buggy-fails-visible-and-hidden", "fix-passes-all"])
def test_every_program_behaves_as_its_metadata_says(repo_of, boxes_for, fixed) -> None:
    # Given every program, with its hidden tests, in one real repo (each in its own directory), in a real sandbox
    repo, sha = repo_of(combined_files(fixed=fixed, hidden=True), name="corpus")
    with boxes_for(repo, sha) as (box,):
        # When all their tests run
        failed = _failures_by_program(box)
    # Then each program's visible and hidden tests fail on its bug and pass with its known fix
    for bug in bugs():
        for hidden in (False, True):
            assert (failed[bug.name, hidden] > 0) is not fixed, (bug.name, "hidden" if hidden else "visible")
