"""A repository of several broken programs (``programs/x.py`` + ``tests/test_x.py`` each, some of whose tests
hang), repaired one program at a time with ``--tests``: the tests one repair runs do not grow with the number
of other programs, and a test outside ``--tests`` that reaches the edited file still holds a patch back."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from corpus_kit import bugs, programs_repo

from agentfleet.flow.fixers.repair.config import RepairConfig
from agentfleet.flow.fixers.repair.engine import RepairRequest, repair

pytestmark = [pytest.mark.slow, pytest.mark.bwrap]

TARGET = "01_grade_boundary"
# other broken tuning programs; 116 and 128 hang on their bugs
OTHERS = ["116_count_ones", "128_leftmost_index", "02_expired_items", "03_dedupe_emails", "04_temperature"]


class _Counting:
    """A sandbox that counts the tests its probes ran and keeps the suites its batches were given."""

    def __init__(self, box: Any) -> None:
        self._box = box
        self.probed: list[str] = []
        self.suites: list[list[str]] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._box, name)

    def read(self, path: str) -> str:
        text: str = self._box.read(path)
        if path.endswith("probe-out.json"):
            self.probed += [test for test, _ in json.loads(text)["tests"]]
        return text

    def write(self, path: str, content: str) -> None:
        if path.endswith("batch.json"):
            self.suites.append(json.loads(content)["suite_args"])
        self._box.write(path, content)


def _repair_one(repo_of, boxes_for, others: list[str]) -> tuple[Any, list[_Counting], float]:
    repo, sha = repo_of(programs_repo(bugs([TARGET, *others])), name=f"programs-{len(others)}")
    with boxes_for(repo, sha, 2) as opened:
        boxes = [_Counting(box) for box in opened]
        started = time.monotonic()
        result = repair(boxes, RepairRequest(tests=["tests/test_grades.py"]), RepairConfig(workers=2, budget_s=60))
        return result, boxes, time.monotonic() - started


def test_one_repair_runs_the_same_tests_whatever_the_number_of_other_broken_programs(repo_of, boxes_for) -> None:
    # Given the same broken program alone with one other, and beside five others (two of them hanging)
    few, few_boxes, few_s = _repair_one(repo_of, boxes_for, OTHERS[2:3])
    many, many_boxes, many_s = _repair_one(repo_of, boxes_for, OTHERS)
    # Then both find the fix, and the tests run (by the probes and in every candidate's suite) are the same:
    # none of another program's
    for result in (few, many):
        assert result.best is not None, result.reason
        assert "+    if score >= 90:" in result.best.diff
    few_run = sorted(test for box in few_boxes for test in box.probed)
    many_run = sorted(test for box in many_boxes for test in box.probed)
    assert many_run == few_run
    assert all(test.startswith("tests/test_grades.py::") for test in many_run), many_run
    suites = {tuple(suite) for box in many_boxes for suite in box.suites}
    # (`()` is the pairs' baseline run of the unchanged code, whose failing tests fail, so no suite runs)
    assert ("tests/test_grades.py",) in suites
    assert suites <= {(), ("tests/test_grades.py",)}, suites
    print(f"wall time: {few_s:.1f} s beside one other program, {many_s:.1f} s beside five (two hanging)")


def test_a_test_outside_tests_that_imports_the_edited_file_still_holds_a_patch_back(repo_of, boxes_for) -> None:
    # Given, beside the hanging programs, a report module that imports the broken one and a passing test that
    # pins its buggy answer at 90
    files = programs_repo(bugs([TARGET, *OTHERS[:2]]))
    files["programs/transcript.py"] = "from grades import letter\n\n\ndef line(score):\n    return letter(score)\n"
    files["tests/test_transcript.py"] = (
        "from transcript import line\n\n\ndef test_ninety_is_a_b():\n    assert line(90) == 'B'\n"
    )
    repo, sha = repo_of(files)
    with boxes_for(repo, sha, 2) as boxes:
        result = repair(boxes, RepairRequest(tests=["tests/test_grades.py"]), RepairConfig(workers=2, budget_s=20))
    # Then no patch: the fix of grades.py breaks test_transcript.py, which reaches it through transcript.py
    assert result.best is None
    assert result.search.broke_suite > 0
