"""The corpus is sound: enough programs, every bug class, buggy fails, known fix passes visible and hidden tests."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

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


def _failures_by_program(box, paths: list[str]) -> Counter[tuple[str, bool]]:
    """Failed tests per (program, hidden test?) under ``paths`` (``buggy/…`` or ``fixed/…`` directories of the
    repo), from one run of the engine's own probe without coverage. A test that hangs on its bug fails at 5 s,
    the ones after it at 1 s (a bug's run only needs a failure; known fixes hang nowhere, so their run keeps the
    5 s limit)."""
    report = run_probe(
        box, paths, timeout=900, test_timeout=5.0, hung_test_timeout=1.0, memory_bytes=PROBE_MEMORY, coverage=False
    )
    failed: Counter[tuple[str, bool]] = Counter()
    for test in Spectrum.from_report(report).failing:
        _, program, path = test.split("/", 2)
        failed[program, path.startswith("test_hidden_")] += 1
    return failed


def test_every_program_behaves_as_its_metadata_says(repo_of, boxes_for) -> None:
    # Given every program twice, buggy and with its known fix, each with its hidden tests, in one real repo
    files = {f"buggy/{rel}": text for rel, text in combined_files(hidden=True).items()}
    files.update({f"fixed/{rel}": text for rel, text in combined_files(fixed=True, hidden=True).items()})
    repo, sha = repo_of(files, name="corpus")
    names = [bug.name for bug in bugs()]
    # (the buggy programs in two halves: their hanging tests are most of the time, so the halves run side by side)
    parts = [[f"buggy/{n}" for n in names[0::2]], [f"buggy/{n}" for n in names[1::2]], ["fixed"]]
    with boxes_for(repo, sha, len(parts)) as boxes, ThreadPoolExecutor(len(parts)) as pool:
        # When each part's tests run, all parts at once, each in its own real sandbox
        *halves, fixed = pool.map(_failures_by_program, boxes, parts)
    buggy = sum(halves, Counter())
    # Then each program's visible and hidden tests fail on its bug and pass with its known fix
    for bug in bugs():
        for hidden in (False, True):
            part = "hidden" if hidden else "visible"
            assert buggy[bug.name, hidden] > 0, (bug.name, f"buggy {part} tests pass")
            assert fixed[bug.name, hidden] == 0, (bug.name, f"fixed {part} tests fail")
