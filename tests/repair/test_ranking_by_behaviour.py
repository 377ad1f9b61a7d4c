"""The behavioural tie-breaker: among plausible patches, the one that changes fewer answers of the edited
function (on calls near the tests' own) ranks first; real bwrap sandboxes."""

from __future__ import annotations

import pytest

from agentfleet.flow.fixers.repair.behaviour import by_behaviour, outcomes
from agentfleet.flow.fixers.repair.candidates import Candidate
from agentfleet.flow.fixers.repair.rank import Ranked

pytestmark = [pytest.mark.bwrap, pytest.mark.slow]

BUGGY = """\
def is_prime(n: int) -> bool:
    if n < 2:
        return False
    d = 2
    while d * d < n:
        if n % d == 0:
            return False
        d += 1
    return True
"""
TESTS = """\
from primes import is_prime


def test_small():
    assert not is_prime(1)
    assert is_prime(2)


def test_square():
    assert not is_prime(25)
"""


def _patch(id_: int, old: str, new: str, line: int) -> Ranked:
    candidate = Candidate(id_, "primes.py", line, 0, "crafted", 1, BUGGY.replace(old, new))
    return Ranked(candidate, size=1, affected=0, diff="")


def test_the_patch_that_changes_fewer_answers_ranks_first(repo_of, boxes_for) -> None:
    # Given two patches that both pass the visible tests: counting down (wrong: 5 is "not prime")
    # ranked first by localisation, and the real fix (`<=`) second
    repo, sha = repo_of({"primes.py": BUGGY, "test_primes.py": TESTS})
    wrong = _patch(1, "d += 1", "d -= 1", 8)
    right = _patch(2, "d * d < n", "d * d <= n", 5)
    with boxes_for(repo, sha) as (box,):
        # When the tie is broken by behaviour on calls near the tests' (is_prime(1), (2), (25) pushed outward)
        ranked = by_behaviour(box, [wrong, right], {"primes.py": BUGGY}, {"test_primes.py": TESTS}, 512 << 20)
        # Then the fix that changes less of what the function answered comes first, and the box is as it was
        assert [r.candidate.id for r in ranked] == [2, 1]
        assert ranked[0].distance < ranked[1].distance
        assert box.read("primes.py") == BUGGY


def test_outcomes_record_values_and_exceptions(repo_of, boxes_for) -> None:
    repo, sha = repo_of({"m.py": "def f(x):\n    return 10 // x\n", "test_m.py": "def test_ok():\n    pass\n"})
    with boxes_for(repo, sha) as (box,):
        found = outcomes(box, "m", "f", [["2"], ["0"], ["'a'"]], 512 << 20)
    assert found == ["None:5", "ZeroDivisionError:None", "TypeError:None"]


def test_a_single_patch_is_left_alone(repo_of, boxes_for) -> None:
    repo, sha = repo_of({"primes.py": BUGGY, "test_primes.py": TESTS})
    only = [_patch(1, "d += 1", "d -= 1", 8)]
    with boxes_for(repo, sha) as (box,):
        assert by_behaviour(box, only, {"primes.py": BUGGY}, {"test_primes.py": TESTS}, 512 << 20) == only
