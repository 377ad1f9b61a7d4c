"""What humans read: the rationale of a repair patch and the ``learned`` of an honest no-fix."""

from __future__ import annotations

from collections import Counter

from agentfleet.flow.fixers.repair.candidates import Candidate
from agentfleet.flow.fixers.repair.engine import RepairResult
from agentfleet.flow.fixers.repair.localize import Location
from agentfleet.flow.fixers.repair.rank import Ranked
from agentfleet.flow.fixers.repair.report import learned, rationale
from agentfleet.flow.fixers.repair.validate import Search


def _result(**changes: object) -> RepairResult:
    result = RepairResult(
        failing=["test_m.py::test_`odd`_name"],
        locations=[Location("m.py", 6, 0.71), Location("m.py", 9, 0.5)],
        search=Search(tried=120, survivors=3, broke_suite=3, timeouts=2),
        discarded=Counter({"duplicate": 4, "special-case": 1}),
        seconds=6.4,
        reason="no candidate passed every test (120 candidates tried at 2 suspicious lines)",
    )
    for name, value in changes.items():
        setattr(result, name, value)
    return result


def test_a_no_fix_says_what_was_tried_and_quotes_repository_text_as_code() -> None:
    text = learned(_result())
    assert text.startswith("No fix: no candidate passed every test (120 candidates tried at 2 suspicious lines).")
    assert "- failing tests: `` test_m.py::test_`odd`_name ``" in text
    assert "`m.py:6` (0.71)" in text
    assert "120 (2 timed out); 3 fixed the failing tests, 3 of those broke the suite" in text
    assert "refused before running: 4 duplicate, 1 special-case" in text
    assert "special-cased a test input" in text


def test_a_rationale_names_the_place_the_template_and_the_checks() -> None:
    candidate = Candidate(7, "m.py", 6, 0, "comparison-operator", 1, "source")
    best = Ranked(candidate, size=1, affected=2, diff="diff")
    text = rationale(_result(patches=[best], reason=""))
    assert "Changed `m.py:6` with the `comparison-operator` template (1 characters)." in text
    assert "The failing tests now pass and so does the whole suite" in text
    assert "Suspiciousness rank of the line: 1; passing tests that run it: 2." in text
