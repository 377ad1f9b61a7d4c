"""The engine end to end in real bwrap sandboxes: fixes, honest no-fixes, robustness, cleanliness."""

from __future__ import annotations

import time
from collections.abc import Iterator

import libcst as cst
import pytest
from corpus_kit import bugs
from sandboxes.kit import BACKENDS

from agentfleet.flow.fixers.repair.candidates import CandidateStream
from agentfleet.flow.fixers.repair.config import RepairConfig
from agentfleet.flow.fixers.repair.engine import CrashSite, RepairRequest, repair
from agentfleet.flow.fixers.repair.localize import Location
from agentfleet.flow.fixers.repair.runner import BatchLimits, run_probe
from agentfleet.flow.fixers.repair.source import Edit, Site
from agentfleet.flow.fixers.repair.spectrum import Spectrum
from agentfleet.flow.fixers.repair.validate import Validator

pytestmark = [pytest.mark.slow]


@pytest.mark.parametrize("repair_ctx", BACKENDS, indirect=True)
def test_fixes_a_corpus_bug_correctly_and_leaves_every_sandbox_clean(repo_of, boxes_for) -> None:
    # Given the off-by-one grading bug as a real repo, and two real sandboxes
    bug = bugs(["01_grade_boundary"])[0]
    repo, sha = repo_of(bug.repo_files(), name="grades")
    with boxes_for(repo, sha, 2) as boxes:
        # When the engine repairs it
        result = repair(boxes, RepairRequest(test_command="python -m pytest -q"), RepairConfig(workers=2))
        leftovers = [box.diff() for box in boxes]
    # Then its best patch touches only the source file, and the boxes are as they were
    best = result.best
    assert best is not None, result.reason
    assert best.candidate.path == "grades.py"
    assert best.diff.startswith("diff --git a/grades.py b/grades.py\n")
    assert "test_" not in best.diff
    assert leftovers == ["", ""]
    assert result.failing == ["test_grades.py::test_top_scores_are_a"]
    # And applied with git in a fresh sandbox it passes the hidden tests it never saw
    with boxes_for(repo, sha) as (fresh,):
        fresh.apply(best.diff)
        fresh.write("test_hidden_grades.py", bug.hidden_tests())
        assert fresh.run("python -m pytest -q -p no:cacheprovider", timeout=120).ok


@pytest.mark.bwrap
def test_a_green_suite_gets_an_honest_no_fix(repo_of, boxes_for) -> None:
    repo, sha = repo_of(
        {
            "ok.py": "def one():\n    return 1\n",
            "test_ok.py": "from ok import one\n\n\ndef test_one():\n    assert one() == 1\n",
        }
    )
    with boxes_for(repo, sha) as boxes:
        result = repair(boxes, RepairRequest())
    assert result.best is None
    assert result.reason.startswith("no test fails at the base commit")


@pytest.mark.bwrap
def test_a_bug_no_template_fixes_stops_at_the_budget_and_says_what_was_tried(repo_of, boxes_for) -> None:
    # Given the median bug (it needs a new `sorted()` statement) and a 5 s budget
    bug = bugs(["45_median_sorted"])[0]
    repo, sha = repo_of(bug.repo_files(), name="median")
    config = RepairConfig(budget_s=5)
    with boxes_for(repo, sha, 2) as boxes:
        result = repair(boxes, RepairRequest(), config)
    # Then there is no patch, and the search stopped because of the budget and says so: it ran some of the
    # candidates its suspicious lines have, not all (no wall-clock bound: a loaded host only runs fewer)
    assert result.best is None
    assert result.search.out_of_time
    assert result.reason.startswith("the time budget ran out")
    assert f"{result.search.tried} candidates tried" in result.reason
    stream = CandidateStream(result.locations, bug.repo_files().__getitem__, limit=config.max_candidates)
    existing = len(stream.take(config.max_candidates))
    assert 0 < result.search.tried < existing


def _statement(code: str):
    def template(site: Site) -> Iterator[Edit]:
        if site.statement is not None:
            yield Edit(site.statement, cst.parse_statement(code), "crafted", 1)

    return template


@pytest.mark.bwrap
def test_hanging_and_memory_hungry_candidates_fail_alone(repo_of, boxes_for) -> None:
    # Given a crash and three candidates: one hangs, one allocates far beyond the limit, one is the fix
    files = {
        "calc.py": "def half(n):\n    return n / 0\n",
        "test_calc.py": "from calc import half\n\n\ndef test_half():\n    assert half(4) == 2\n",
    }
    repo, sha = repo_of(files, name="calc")
    templates = [
        _statement("return sum(iter(int, 1))\n"),  # never ends
        _statement("return len(bytearray(8 * 1024**3)) and n / 2\n"),
        _statement("return n / 2\n"),
    ]
    stream = CandidateStream([Location("calc.py", 2, 1.0)], files.__getitem__, templates=templates)
    with boxes_for(repo, sha) as (box,):
        # When they are validated in one batch with a 2 s limit per candidate
        limits = BatchLimits(tests_s=2.0, suite_s=10.0, memory_bytes=512 << 20)
        validator = Validator(
            [box],
            stream,
            failing=["test_calc.py::test_half"],
            config=RepairConfig(),
            deadline=time.monotonic() + 60,
            limits=limits,
        )
        search = validator.run()
        restored = box.read("calc.py")
    # Then the hang is cut at its limit, the allocation fails on its own, and the fix is found
    assert [c.source for c in search.plausible] == ["def half(n):\n    return n / 2\n"]
    assert search.tried == 3
    assert search.timeouts == 1
    assert restored == files["calc.py"]


@pytest.mark.bwrap
def test_a_bug_that_makes_its_test_hang_is_still_found_and_fixed(repo_of, boxes_for) -> None:
    # Given a loop whose counter runs the wrong way: its test never ends on the bug
    files = {
        "countdown.py": "def steps(n):\n    done = 0\n    while n > 0:\n        done += 1\n        n += 1\n"
        "    return done\n",
        "test_countdown.py": "from countdown import steps\n\n\ndef test_steps():\n    assert steps(3) == 3\n",
    }
    repo, sha = repo_of(files, name="countdown")
    with boxes_for(repo, sha, 2) as boxes:
        # When the engine repairs it with a 2 s per-test limit in the probe and 1 s per candidate
        result = repair(boxes, RepairRequest(), RepairConfig(test_timeout_s=2, candidate_timeout_s=1))
    # Then the hang was cut, the test counted as failing, and the wrong-way counter fixed
    assert result.failing == ["test_countdown.py::test_steps"]
    assert result.best is not None, result.reason
    assert "-        n += 1\n+        n -= 1\n" in result.best.diff


@pytest.mark.bwrap
def test_a_bug_that_breaks_a_test_module_at_import_is_localised_by_its_crash(repo_of, boxes_for) -> None:
    # Given a module whose top-level code crashes (off by one), so its test file cannot even be collected
    files = {
        "limits.py": "LEVELS = [10, 20, 30]\nTOP = LEVELS[len(LEVELS)]\n",
        "test_limits.py": "from limits import TOP\n\n\ndef test_top():\n    assert TOP == 30\n",
    }
    repo, sha = repo_of(files, name="limits")
    with boxes_for(repo, sha) as boxes:
        result = repair(boxes, RepairRequest())
    # Then the collection error counts as the failing test and the crash line is fixed
    assert result.failing == ["test_limits.py"]
    assert result.best is not None, result.reason
    assert "+TOP = LEVELS[len(LEVELS) - 1]\n" in result.best.diff


HANGS = {
    "countdown.py": "def steps(n):\n    done = 0\n    while n > 0:\n        done += 1\n        n += 1\n"
    "    return done\n",
    "test_countdown.py": "from countdown import steps\n\n\n"
    + "\n\n".join(f"def test_steps_{k}():\n    assert steps({k}) == {k}\n" for k in (1, 2, 3, 4)),
}


@pytest.mark.bwrap
def test_tests_that_hang_on_the_bug_do_not_eat_the_search_budget(repo_of, boxes_for) -> None:
    # Given four tests that all hang on the bug, a 3 s per-test limit and a search budget of 4 s
    repo, sha = repo_of(HANGS, name="countdown")
    config = RepairConfig(test_timeout_s=3, hung_test_timeout_s=1, candidate_timeout_s=1, budget_s=4)
    with boxes_for(repo, sha, 2) as boxes:
        # When the engine repairs it (the probe alone takes longer than the whole budget at 3 s per test)
        result = repair(boxes, RepairRequest(), config)
    # Then the probe had its own allowance and the search still found the fix
    assert len(result.failing) == 4
    assert result.best is not None, result.reason
    assert "-        n += 1\n+        n -= 1\n" in result.best.diff


@pytest.mark.bwrap
def test_once_a_test_hung_the_probe_gives_the_others_the_shorter_limit(repo_of, boxes_for) -> None:
    # Given four tests that all hang on the bug
    repo, sha = repo_of(HANGS, name="countdown")
    with boxes_for(repo, sha) as (box,):
        # When the probe runs with a 3 s per-test limit, 1 s once one test has hung
        spectrum = Spectrum.from_report(run_probe(box, [], timeout=60, test_timeout=3.0, hung_test_timeout=1.0))
    # Then all four count as hung, and the three after the first were stopped at the shorter limit
    assert spectrum.timeouts == frozenset(spectrum.tests)
    later = sorted(spectrum.durations[t] for t in spectrum.tests)[:3]
    assert all(seconds < 2.5 for seconds in later), spectrum.durations


@pytest.mark.bwrap
def test_a_crash_in_a_function_called_without_arguments_is_reproduced_and_fixed(repo_of, boxes_for) -> None:
    # Given a green suite and a production IndexError in a function that takes no argument
    files = {
        "days.py": 'WEEKDAYS = ["mon", "tue", "wed"]\n\n\ndef first_weekday():\n    return WEEKDAYS[0]\n\n\n'
        "def last_weekday():\n    return WEEKDAYS[len(WEEKDAYS)]\n",
        "test_days.py": 'from days import first_weekday\n\n\ndef test_first():\n    assert first_weekday() == "mon"\n',
    }
    repo, sha = repo_of(files, name="days")
    crash = CrashSite("days.py", "last_weekday", "IndexError")
    with boxes_for(repo, sha) as boxes:
        # When the engine repairs it
        result = repair(boxes, RepairRequest(crash=crash, trace=[("days.py", 9)]))
    # Then the bare call reproduced the crash and the off-by-one is fixed
    assert result.reproduction is not None, result.reason
    assert result.reproduction.call == "last_weekday()"
    assert result.best is not None, result.reason
    assert "+    return WEEKDAYS[len(WEEKDAYS) - 1]\n" in result.best.diff


@pytest.mark.bwrap
@pytest.mark.parametrize(
    "name",
    ["47_unique_ids", "54_rotate_playlist", "57_exam_tally"],
    ids=["ingredient-statement", "slice-index", "two-edits"],
)
def test_bugs_that_need_the_wider_families_are_fixed_correctly(name: str, repo_of, boxes_for) -> None:
    # Given a corpus bug that needs a statement from a sibling function, a slice, or two edits at once
    bug = bugs([name])[0]
    repo, sha = repo_of(bug.repo_files(), name=name.split("_", 1)[1])
    with boxes_for(repo, sha, 2) as boxes:
        # When the engine repairs it
        result = repair(boxes, RepairRequest())
    # Then its first-ranked patch also passes the hidden tests it never saw
    assert result.best is not None, result.reason
    with boxes_for(repo, sha) as (fresh,):
        fresh.apply(result.best.diff)
        fresh.write("test_hidden_corpus.py", bug.hidden_tests())
        assert fresh.run("python -m pytest -q -p no:cacheprovider test_hidden_corpus.py", timeout=120).ok
