"""Candidates are judged on the functions they change, not on their whole file: the same verdicts as on the
file (dedupe, syntax, oddities, reuse), at the cost of a function on a file of thousands of lines."""

from __future__ import annotations

from agentfleet.flow.fixers.repair.candidates import Candidate, CandidateStream
from agentfleet.flow.fixers.repair.localize import Location
from agentfleet.flow.fixers.repair.oddities import added_oddities
from agentfleet.flow.fixers.repair.reuse import reuses_code

TWINS = """class Celsius:
    def scaled(self, value, factor):
        return value * factor - 32


class Kelvin:
    def scaled(self, value, factor):
        return value * factor - 32
"""


def _candidates(text: str, lines: list[int]) -> list[Candidate]:
    locations = [Location("temps.py", line, 1.0 - i / 10) for i, line in enumerate(lines)]
    return CandidateStream(locations, {"temps.py": text}.__getitem__, limit=5000).take(5000)


def test_the_same_edit_of_two_methods_spelled_alike_is_two_candidates() -> None:
    # Given two classes whose methods read the same, and both return lines suspicious
    found = _candidates(TWINS, [3, 8])
    # When the stream writes `value * factor + 32` in each
    fixed = [c for c in found if "value * factor + 32" in c.source]
    # Then both run: they are different patches (only one of them fixes the bug)
    assert sorted(c.line for c in fixed) == [3, 8]
    assert all(c.source.count("value * factor + 32") == 1 for c in fixed)


def test_each_candidate_carries_only_the_function_it_changed() -> None:
    found = _candidates(TWINS, [8])
    assert found
    for candidate in found:
        ((before, after),) = candidate.chunks
        assert before == "def scaled(self, value, factor):\n    return value * factor - 32\n"
        assert after in candidate.source.replace("\n    ", "\n")  # the method, printed on its own


def test_oddities_and_reuse_over_the_changed_functions_match_the_whole_file() -> None:
    # Given a file with a helper that computes `lo + hi`, and an edit elsewhere that writes it again
    helper = "def span(lo, hi):\n    return lo + hi\n\n\n"
    before_fn = "def mid(lo, hi):\n    return (lo - hi) // 2\n"
    after_fn = "def mid(lo, hi):\n    return (lo + hi) // 2\n"
    whole_before = helper + before_fn
    # Then judged on the function alone, it reuses the file's code as it does judged on the file
    assert reuses_code(whole_before, [(before_fn, after_fn)])
    assert reuses_code(whole_before, [(whole_before, helper + after_fn)])
    # and an expression the file never had is no reuse, however it is judged
    other = "def mid(lo, hi):\n    return (lo * hi) // 2\n"
    assert not reuses_code(whole_before, [(before_fn, other)])
    assert not reuses_code(whole_before, [(whole_before, helper + other)])


def test_an_odd_edit_is_as_odd_judged_on_its_function_as_on_its_file() -> None:
    helper = "def span(lo, hi):\n    return lo < 0 or lo < 9\n\n\n"  # the file's own oddity counts on neither side
    before_fn = "def out(x):\n    return x < 0 or x > 9\n"
    after_fn = "def out(x):\n    return x < 0 or x < 9\n"
    alone = added_oddities([(before_fn, after_fn)])
    assert alone == added_oddities([(helper + before_fn, helper + after_fn)]) == 1
