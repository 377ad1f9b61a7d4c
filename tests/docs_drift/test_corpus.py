"""The seeded corpus stays above the targets (recall and precision ≥ 0.9): a regression guard on detection."""

from __future__ import annotations

from pathlib import Path

import pytest

from docs_drift.corpus import DRIFTS, QUIET, Case, run_case


@pytest.mark.parametrize("case", DRIFTS + QUIET, ids=lambda c: c.name)
def test_each_case_reports_exactly_its_drifted_symbols(case: Case, tmp_path: Path) -> None:
    outcome = run_case(case, tmp_path)
    assert outcome.reported == case.drifted


def test_the_corpus_is_the_size_the_issue_asks_for() -> None:
    assert len(DRIFTS) >= 25
    assert len(QUIET) >= 10
