"""The tests fixer on real repos in real sandboxes: Pynguin, the characterisation fallback, and bad input."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from coverage_kit import BASE, PRICING, SHIPPING, CoverageFleet

from agentfleet.contracts import ExpandTests, Job, NoFix, Patch
from agentfleet.flow.fixers.stage import fix
from agentfleet.flow.fixers.tests.characterise import Target, characterise
from agentfleet.sandboxes.factory import open_sandbox

pytestmark = [pytest.mark.bwrap, pytest.mark.slow]

OFFLINE = 'pynguin = false\nsince = "HEAD~1"'
"""The characterisation writer alone (no Pynguin): the fallback path, and fast."""


def _fixed(fleet: CoverageFleet, code: dict[str, str]) -> Job:
    """Commit ``code``, audit, and run the fix stage on the one finding."""
    fleet.commit(code)
    [finding] = fleet.scan()
    return fix(fleet.job(finding), fleet.ctx)


def test_pynguin_writes_the_tests_and_they_land_beside_the_existing_ones(
    fleet_of: Callable[..., CoverageFleet],
) -> None:
    # Given an untested new function and Pynguin enabled (its tool environment is prepared once)
    fleet = fleet_of(BASE, coverage='since = "HEAD~1"\nsearch_budget_s = 10')
    # When the fix stage runs
    job = _fixed(fleet, {"shop/pricing.py": PRICING + SHIPPING})
    # Then the patch appends tests to tests/test_pricing.py and says where they came from
    patch = job.patch
    assert isinstance(patch, Patch), job.no_fix
    assert patch.author == "tests"
    assert patch.files == ("tests/test_pricing.py",)
    assert "+def test_shipping_" in patch.diff
    assert "Pynguin" in patch.rationale
    assert "100%" in patch.rationale


def test_without_pynguin_the_characterisation_writer_records_return_values(
    fleet_of: Callable[..., CoverageFleet],
) -> None:
    # Given a repo with no tests folder at all and Pynguin switched off
    fleet = fleet_of({"shop/__init__.py": "", "shop/pricing.py": PRICING}, coverage=OFFLINE)
    # When the fix stage runs on two new untested functions' first finding
    job = _fixed(fleet, {"shop/pricing.py": PRICING + SHIPPING})
    # Then a new test file records values and exceptions from real calls
    patch = job.patch
    assert isinstance(patch, Patch), job.no_fix
    assert patch.files == ("tests/test_pricing.py",)
    assert "new file mode" in patch.diff
    assert "pytest.raises(ValueError)" in patch.diff
    assert "== 9.0" in patch.diff or "== 4.5" in patch.diff
    assert "characterisation writer" in patch.rationale


BROKEN = """import os

CONFIG = os.environ["SHOP_CONFIG"]


def rate(n: int) -> int:
    if n > 3:
        return n * 2
    return n
"""


def test_a_module_that_fails_to_import_is_an_honest_no_fix(fleet_of: Callable[..., CoverageFleet]) -> None:
    # Given a new module whose import needs an environment variable the sandbox does not have
    fleet = fleet_of(BASE, coverage='since = "HEAD~1"\nsearch_budget_s = 3')
    # When the fix stage runs (Pynguin first, then the characterisation writer)
    job = _fixed(fleet, {"shop/broken.py": BROKEN})
    # Then there is no patch and the lesson names both failures
    assert job.patch is None
    assert isinstance(job.no_fix, NoFix)
    assert "Pynguin" in job.no_fix.learned
    assert "fails to import (KeyError" in job.no_fix.learned


SIDE_EFFECTS = """

def save(name: str) -> str:
    with open(name, "w") as out:
        out.write("saved")
    return name
"""


def test_a_target_that_writes_files_gives_tests_that_are_dropped(fleet_of: Callable[..., CoverageFleet]) -> None:
    # Given a new function that writes into the working directory
    fleet = fleet_of(BASE, coverage=OFFLINE)
    # When the fix stage runs
    job = _fixed(fleet, {"shop/pricing.py": PRICING + SIDE_EFFECTS})
    # Then the sandbox held the writes, every such test was dropped, and the NoFix says why
    assert job.patch is None
    assert job.no_fix is not None
    assert "side effects: writes" in job.no_fix.learned


PRINTS = """

def report(lines: list[str]) -> int:
    import sys

    with sys.stdout as out:
        out.write(" ".join(lines))
    return len(lines)
"""


def test_a_target_that_closes_stdout_gives_tests_that_are_dropped_not_a_broken_run(
    fleet_of: Callable[..., CoverageFleet],
) -> None:
    # Given a new function that closes sys.stdout (tabulate's command line does: pytest's capture dies with it)
    fleet = fleet_of(BASE, coverage=OFFLINE)
    # When the fix stage runs
    job = _fixed(fleet, {"shop/pricing.py": PRICING + PRINTS})
    # Then the run survived, and the tests were dropped for what they did
    assert job.no_fix is not None
    assert "side effects: closes sys.stdout" in job.no_fix.learned


HANGS = """

def countdown(n: int) -> int:
    while n > 0:
        n += 1
    return n
"""


def test_a_function_that_hangs_is_cut_at_the_per_call_limit(fleet_of: Callable[..., CoverageFleet]) -> None:
    # Given a new function that never returns for positive input, and a 1 s limit per call
    fleet = fleet_of(BASE, coverage=OFFLINE + "\ntest_timeout_s = 1")
    # When the fix stage runs
    job = _fixed(fleet, {"shop/pricing.py": PRICING + HANGS})
    # Then the worker is not stuck: the hanging calls are reported and only terminating ones were kept
    report = job.patch.rationale if job.patch else job.no_fix.learned  # type: ignore[union-attr]
    assert "ran past the 1s limit" in report
    if job.patch is not None:
        assert "countdown(0)" in job.patch.diff or "countdown(-1)" in job.patch.diff


STATEFUL = """

_seen: list[int] = []


def remember(x: int) -> int:
    _seen.append(x)
    if len(_seen) > 1:
        return -len(_seen)
    return len(_seen)
"""


def test_tests_that_depend_on_order_are_dropped_and_reported(fleet_of: Callable[..., CoverageFleet]) -> None:
    # Given a function whose result depends on the calls made before it in the same process
    fleet = fleet_of(BASE, coverage=OFFLINE)
    # When the fix stage runs (each call was recorded in a fresh process; the tests then share one)
    job = _fixed(fleet, {"shop/pricing.py": PRICING + STATEFUL})
    # Then the tests that passed only in some orders are dropped as flaky
    report = job.patch.rationale if job.patch else job.no_fix.learned  # type: ignore[union-attr]
    assert "flaky: passed" in report or "fails on the current code" in report


def test_the_fixer_only_takes_expand_tests_work(fleet_of: Callable[..., CoverageFleet]) -> None:
    # Given a finding whose function disappears before the fixer runs
    fleet = fleet_of(BASE, coverage=OFFLINE)
    fleet.commit({"shop/pricing.py": PRICING + SHIPPING})
    [finding] = fleet.scan()
    job = fleet.job(finding)
    assert isinstance(job.item, ExpandTests)
    gone = job.model_copy(update={"item": job.item.model_copy(update={"function": "no_such_function"})})
    # When the fix stage runs
    done = fix(gone, fleet.ctx)
    # Then it is an honest no-fix naming the missing function
    assert done.no_fix is not None
    assert "no_such_function" in done.no_fix.reason


def test_work_naming_only_lines_gets_its_function_and_work_naming_only_a_function_gets_its_targets(
    fleet_of: Callable[..., CoverageFleet],
) -> None:
    # Given expand_tests work written by hand: one names lines only, one names a function only
    fleet = fleet_of(BASE, coverage=OFFLINE)
    fleet.commit({"shop/pricing.py": PRICING + SHIPPING})
    [finding] = fleet.scan()
    job = fleet.job(finding)
    assert isinstance(job.item, ExpandTests)
    by_lines = job.item.model_copy(update={"function": "", "branches": ()})
    by_name = job.item.model_copy(update={"lines": (), "branches": ()})
    # When the fix stage runs on each
    done = [fix(job.model_copy(update={"item": item}), fleet.ctx) for item in (by_lines, by_name)]
    # Then both find the function and its uncovered code, and write tests for it
    for result in done:
        assert isinstance(result.patch, Patch), result.no_fix
        assert "Tests for `shipping`" in result.patch.rationale


@pytest.mark.parametrize(
    "fleet_of",
    [pytest.param("bwrap", marks=pytest.mark.bwrap), pytest.param("docker", marks=pytest.mark.docker)],
    indirect=True,
)
def test_both_sandbox_backends_find_the_gap_and_write_the_same_kind_of_tests(
    fleet_of: Callable[..., CoverageFleet],
) -> None:
    # Given the same repo on each backend, the characterisation writer alone
    fleet = fleet_of(BASE, coverage=OFFLINE)
    # When the monitor audits the new function and the fix stage runs
    job = _fixed(fleet, {"shop/pricing.py": PRICING + SHIPPING})
    # Then the tests cover the whole target and record real values
    assert isinstance(job.patch, Patch), job.no_fix
    assert "6/6 lines and 4/4 branches (100%)" in job.patch.rationale


STACK = """class Stack:
    def __init__(self, limit: int = 3) -> None:
        self.limit = limit
        self.items: list[int] = []

    def push(self, item: int) -> int:
        if len(self.items) >= self.limit:
            raise OverflowError("stack is full")
        self.items.append(item)
        return len(self.items)
"""


def test_the_characterisation_writer_is_a_library_for_differential_tests(
    fleet_of: Callable[..., CoverageFleet],
) -> None:
    # Given functions F (a stateful method) at commit C, opened in a sandbox S
    fleet = fleet_of({"shop/__init__.py": "", "shop/stack.py": STACK})
    with open_sandbox(fleet.ctx, fleet.repo, "HEAD") as box:
        # When F is characterised
        found = characterise(box, [Target("shop/stack.py", "Stack.push")], {})
    # Then one pytest file records its results, including the state built up by earlier calls (a full stack)
    source = found.source
    assert source is not None
    assert "with pytest.raises(OverflowError):" in source
    assert "obj.push(" in source
    # When that file runs against a commit where F changed
    fleet.commit({"shop/stack.py": STACK.replace(">= self.limit", "> self.limit"), "tests/test_char.py": source})
    with open_sandbox(fleet.ctx, fleet.repo, "HEAD") as box:
        run = box.run("python -m pytest -q tests/test_char.py", timeout=120)
    # Then the change in behaviour fails it
    assert not run.ok
    assert "failed" in run.stdout


WINDOWS = """

def windows(items: list[int], size: int = 2):
    if size < 1:
        raise ValueError("size must be positive")
    for start in range(len(items) - size + 1):
        yield tuple(items[start : start + size])


def counter(start: int):
    while True:
        yield start
        start += 1
"""


def test_a_generator_is_iterated_and_its_items_asserted(fleet_of: Callable[..., CoverageFleet]) -> None:
    # Given new generator functions, one of them endless (a body that only runs when the result is iterated)
    fleet = fleet_of(BASE, coverage=OFFLINE)
    fleet.commit({"shop/pricing.py": PRICING + WINDOWS})
    windows, counter = sorted(fleet.scan(), key=lambda f: f.evidence.function)[::-1]  # type: ignore[union-attr]
    # When the fix stage runs on each
    patches = [fix(fleet.job(finding), fleet.ctx).patch for finding in (windows, counter)]
    # Then the tests iterate the results and assert their items (the endless one a bounded prefix)
    assert all(isinstance(p, Patch) for p in patches), patches
    assert "assert list(windows(" in patches[0].diff  # type: ignore[union-attr]
    assert "== [(" in patches[0].diff  # type: ignore[union-attr]
    assert "list(itertools.islice(counter(" in patches[1].diff  # type: ignore[union-attr]


CART = """

class Cart:
    def __init__(self, prices: list[float]) -> None:
        self.prices = prices

    @property
    def count(self) -> int:
        return len(self.prices)
"""


def test_a_property_is_read_not_called(fleet_of: Callable[..., CoverageFleet]) -> None:
    # Given a new untested property (parse 1.20.2's ``Parser.fixed_fields``: calling its list raised TypeError,
    # so the tests asserted that, and no mutant of the property's own line could be killed)
    fleet = fleet_of(BASE, coverage=OFFLINE)
    fleet.commit({"shop/pricing.py": PRICING + CART})
    [finding] = [f for f in fleet.scan() if f.evidence.function == "Cart.count"]  # type: ignore[union-attr]
    # When the fix stage runs on it
    job = fix(fleet.job(finding), fleet.ctx)
    # Then the tests read the attribute and assert its value
    patch = job.patch
    assert isinstance(patch, Patch), job.no_fix
    assert "obj.count ==" in patch.diff
    assert "obj.count()" not in patch.diff
    assert "TypeError" not in patch.diff


HOOK = "class Hook:\n    def __init__(self, func) -> None:\n        self.func = func\n"
HOOK_TEST = "from shop.hooks import Hook\n\n\ndef test_hook():\n    assert Hook(len).func is len\n"
CHECKED = "        if not callable(func):\n            raise TypeError('func must be callable')\n"


def test_a_constructor_is_called_through_its_class(fleet_of: Callable[..., CoverageFleet]) -> None:
    # Given a constructor that gains a check no test makes fail (schema 0.7.7's ``Use.__init__``: no literal is
    # callable, so every instance the writer built to call ``__init__`` on failed, and no test was written)
    fleet = fleet_of({**BASE, "shop/hooks.py": HOOK, "tests/test_hooks.py": HOOK_TEST}, coverage=OFFLINE)
    # When the fix stage runs on it
    job = _fixed(fleet, {"shop/hooks.py": HOOK.replace("        self.func", CHECKED + "        self.func")})
    # Then the tests build the class with the arguments that make it raise
    patch = job.patch
    assert isinstance(patch, Patch), job.no_fix
    assert "+def test_hook_init_raises_type_error():\n+    with pytest.raises(TypeError):\n+        Hook(" in patch.diff
    assert "__init__(" not in patch.diff


VERSION = """

class Ver:
    __slots__ = ("_major", "_build")

    def __init__(self, major: int, build: str = "") -> None:
        self._major = major
        self._build = build

    @property
    def major(self) -> int:
        return self._major

    @property
    def build(self) -> str:
        return self._build

    def bump(self, token: str = "build"):
        return type(self)(self._major, self._build + token + ".1")
"""


def test_a_result_with_slots_and_properties_is_asserted_by_its_public_values(
    fleet_of: Callable[..., CoverageFleet],
) -> None:
    # Given a method returning a new instance of a __slots__ class read through properties (semver's
    # Version.bump_build: its tests only checked the result's type, which no refactor can get wrong)
    fleet = fleet_of({"shop/__init__.py": "", "shop/ver.py": VERSION})
    with open_sandbox(fleet.ctx, fleet.repo, "HEAD") as box:
        # When it is characterised
        found = characterise(box, [Target("shop/ver.py", "Ver.bump")], {})
    # Then the tests assert the result's public values
    assert found.source is not None
    assert "assert result.build == " in found.source
    assert "assert result.major == " in found.source


LEGACY = """

def legacy_total(items: list[float]) -> float:
    import warnings

    warnings.warn("legacy_total is deprecated; use total", DeprecationWarning, stacklevel=2)
    return round(sum(items), 2)
"""


def test_a_call_that_warns_is_asserted_under_pytest_warns(fleet_of: Callable[..., CoverageFleet]) -> None:
    # Given a new deprecated function that warns, in a project whose pytest turns warnings into errors
    # (itsdangerous 2.2's module __getattr__ for __version__, `filterwarnings = ["error"]`)
    fleet = fleet_of({**BASE, "pytest.ini": "[pytest]\nfilterwarnings =\n    error\n"}, coverage=OFFLINE)
    # When the fix stage runs
    job = _fixed(fleet, {"shop/pricing.py": PRICING + LEGACY})
    # Then the recorded values are asserted inside pytest.warns of the warning's class, so they pass there
    patch = job.patch
    assert isinstance(patch, Patch), job.no_fix
    assert "with pytest.warns(DeprecationWarning):" in patch.diff
    assert "assert legacy_total(" in patch.diff
