"""Reproducing a production crash in the shapes real libraries have: calls the tests make through
``pytest.mark.parametrize`` and ``f(*args)``, values written as arithmetic, crashes far beyond the tested
magnitudes, methods of a class and static methods."""

from __future__ import annotations

import ast

import pytest

from agentfleet.flow.fixers.repair.reproduce import CrashSite, reproduce
from agentfleet.flow.fixers.repair.seeds import argument_lists, parameters
from agentfleet.flow.fixers.repair.tested_calls import value_of

SIZES = """import math

SUFFIXES = ("kB", "MB", "GB")


def size(value, binary=False):
    base = 1024 if binary else 1000
    if value < base:
        return f"{value} B"
    exp = int(math.log(value, base))
    return f"{value / base ** exp:.1f} {SUFFIXES[exp - 1]}"
"""
SIZES_TESTS = """import pytest

from sizes import size


@pytest.mark.parametrize(
    "args, expected",
    [([10**3], "1.0 kB"), ([10**6], "1.0 MB"), ([1000**2 * 5, False], "5.0 MB")],
)
def test_size(args, expected):
    assert size(*args) == expected
"""
STATS = """class Stats:
    def __init__(self, data, default=0.0):
        self.data = list(data)
        self.default = default

    @property
    def mean(self):
        return sum(self.data) / len(self.data)

    def spread(self):
        return max(self.data) - min(self.data)

    def zscore(self, value):
        mean = self.mean
        if self.spread() == 0:
            if value == mean:
                return 0
            if value > mean:
                return float("inf")
        return (value - mean) / self.spread()

    @staticmethod
    def middle(ordered, q):
        return ordered[int(q * len(ordered))]
"""
STATS_TESTS = """from stats import Stats


def test_zscore():
    assert Stats([1, 2, 3]).zscore(2) == 0


def test_middle():
    assert Stats.middle([1, 2, 3], 0.5) == 2
"""


def test_parametrized_rows_with_arithmetic_are_seeds_and_far_magnitudes_come_early() -> None:
    # Given a function the tests call only as size(*args) over parametrized rows written as arithmetic
    params = parameters(SIZES, "size") or []
    # When the calls to try for a reproduction are listed
    calls = argument_lists([SIZES_TESTS], "size", params, breadth=True)
    # Then each row's values are seeds, and moving them orders of magnitude out comes within the first rows
    assert ["5000000", "False"] not in calls  # a row as the tests pass it is not a new input
    far = [c for c in calls[:40] if c and c[0].isdigit() and int(c[0]) >= 10**12]
    assert far, calls[:40]


@pytest.mark.bwrap
def test_a_crash_past_the_tested_magnitudes_is_reproduced_from_parametrized_rows(repo_of, boxes_for) -> None:
    # Given a green suite of parametrized rows and a production IndexError in size() for a huge value
    repo, sha = repo_of({"sizes.py": SIZES, "test_sizes.py": SIZES_TESTS}, name="sizes")
    crash = CrashSite("sizes.py", "size", "IndexError")
    with boxes_for(repo, sha) as (box,):
        # When the crash is reproduced
        found = reproduce(box, crash, {"test_sizes.py": SIZES_TESTS}, timeout=5, memory_bytes=1 << 30)
    # Then a call far past the tested rows raises it there, written as a test
    assert found is not None
    assert found.call.startswith("size(")
    assert "from sizes import size" in found.source


@pytest.mark.bwrap
@pytest.mark.parametrize(
    ("function", "exception", "line", "shape"),
    [("zscore", "ZeroDivisionError", 20, "Stats(["), ("middle", "IndexError", 24, "Stats.middle(")],
    ids=["method", "staticmethod"],
)
def test_a_crash_in_a_method_is_reproduced_on_an_instance_the_tests_suggest(
    function: str, exception: str, line: int, shape: str, repo_of, boxes_for
) -> None:
    # Given a class whose tests pass, and a production crash inside one of its methods
    repo, sha = repo_of({"stats.py": STATS, "test_stats.py": STATS_TESTS}, name="stats")
    crash = CrashSite("stats.py", function, exception, line=line)
    with boxes_for(repo, sha) as (box,):
        # When the crash is reproduced
        found = reproduce(box, crash, {"test_stats.py": STATS_TESTS}, timeout=5, memory_bytes=1 << 30)
        # Then a call on an instance (or on the class, for a static method) raises it in that method
        assert found is not None
        assert found.call.startswith(shape), found.call
        assert "from stats import Stats" in found.source
        # and the regression test it writes fails with that exception
        box.write(found.path, found.source)
        run = box.run(f"python -m pytest -q -p no:cacheprovider {found.path}")
    assert not run.ok
    assert exception in run.stdout


@pytest.mark.parametrize("expression", ["10**10**10", "(2**511)**511", "9**999", "'a' * 10**9", "1 / 0"])
def test_arithmetic_in_the_tests_is_folded_only_within_bounds(expression: str) -> None:
    # Given a test source (the repository's: untrusted) whose arguments would be huge or fail to compute
    node = ast.parse(expression, mode="eval").body
    # When it is folded, Then it is no value, at once
    assert value_of(node) == (False, None)
    assert value_of(ast.parse("1000**2 * 5 - 1", mode="eval").body) == (True, 4999999)
