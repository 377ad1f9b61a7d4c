"""The refactor fixer in real sandboxes: what it proposes, and the NoFix that says what it tried."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from refactor_kit import BASE, DUPLICATED, NESTED, ORDERS, PRICE_TEST, QUALITY, RefactorFleet

from agentfleet.contracts import ClonePlace, Job, Refactor, Verdict
from agentfleet.flow.fixers.stage import fix
from agentfleet.flow.gate.stage import verify

pytestmark = [pytest.mark.bwrap, pytest.mark.slow]

ELSES = """

def sign(n):
    if n > 0:
        return 1
    else:
        if n < 0:
            return -1
        else:
            return 0
"""
SIGN_TEST = (
    "from shop.orders import sign\n\n\ndef test_sign():\n    assert [sign(n) for n in (5, -2, 0)] == [1, -1, 0]\n"
)


def _job(fleet: RefactorFleet, **changes: object) -> Job:
    [finding] = fleet.scan()
    job = fleet.job(finding)
    return job.model_copy(update={"item": job.item.model_copy(update=changes)}) if changes else job


def test_a_refactor_made_by_ruffs_safe_fixes_alone_may_auto_merge_at_phase_4(
    fleet_of: Callable[..., RefactorFleet],
) -> None:
    # Given a function whose only debt is an else after return, in a repo that auto-merges refactors
    fleet = fleet_of(BASE, quality="rules = ['RET']", extra="trust.refactor = 4")
    assert fleet.scan() == []
    fleet.commit({"shop/orders.py": ORDERS + ELSES, "tests/test_sign.py": SIGN_TEST})
    # When the fixer and the gate run
    job = verify(fix(_job(fleet), fleet.ctx), fleet.ctx)
    # Then the patch is ruff's alone, every check passed, and the gate verified that itself: auto-merge
    assert job.patch is not None
    assert job.patch.author == "refactor:ruff"
    assert job.decision is not None
    assert job.decision.verdict is Verdict.AUTO_MERGE, job.decision.reasons
    checks = {c.name: c.evidence for c in job.decision.checks}
    assert checks["metric_improves"].startswith("ruff of shop/orders.py::sign: 1 → 0")


def test_a_dynamic_function_is_a_nofix_with_the_reason(fleet_of: Callable[..., RefactorFleet]) -> None:
    # Given work on a function that, by now, calls eval (the monitor would skip it; the fixer checks again)
    dynamic = NESTED.replace("return None", "return eval(country)")
    fleet = fleet_of({**BASE, "shop/orders.py": ORDERS + NESTED}, quality=QUALITY + '\nmode = "worst"')
    job = _job(fleet)
    head = fleet.commit({"shop/orders.py": ORDERS + dynamic})
    item = job.item
    assert isinstance(item, Refactor)
    job = job.model_copy(update={"item": item.model_copy(update={"base_commit": head})})
    # When the fixer runs
    done = fix(job, fleet.ctx)
    # Then there is no patch, and the NoFix says why
    assert done.no_fix is not None
    assert "calls eval()" in done.no_fix.reason


def test_copies_in_other_modules_are_left_for_the_agent(fleet_of: Callable[..., RefactorFleet]) -> None:
    # Given a duplicated block whose copy lives in another module
    fleet = fleet_of({**BASE, "shop/orders.py": ORDERS + DUPLICATED}, quality=QUALITY + '\nmode = "worst"')
    job = _job(fleet)
    item = job.item
    assert isinstance(item, Refactor)
    other = ClonePlace(path="shop/billing.py", function="invoice", start=3, end=8)
    job = job.model_copy(update={"item": item.model_copy(update={"clones": (item.clones[0], other)})})
    # When the fixer runs
    done = fix(job, fleet.ctx)
    # Then the NoFix names what was tried: the copy is in another module
    assert done.no_fix is not None
    assert "the copies are in other modules (shop/billing.py): for the agent" in done.no_fix.learned
    # And so does its reason, not only a metric that "stayed 0.0 → 0.0" (boltons' OrderedMultiDict copies)
    assert "the copies are in other modules (shop/billing.py): for the agent" in done.no_fix.reason


def test_the_fixer_proposes_only_what_keeps_the_suite_green(fleet_of: Callable[..., RefactorFleet]) -> None:
    # Given a suite that pins the function's exact text (a test a refactor cannot satisfy)
    pinning = PRICE_TEST + (
        "\n\ndef test_source_is_frozen():\n    import inspect\n\n    from shop import orders\n\n"
        "    assert 'else:' in inspect.getsource(orders.shipping)\n"
    )
    fleet = fleet_of(
        {**BASE, "shop/orders.py": ORDERS + NESTED, "tests/test_orders.py": pinning},
        quality=QUALITY + '\nmode = "worst"',
    )
    # When the fixer runs
    done = fix(_job(fleet), fleet.ctx)
    # Then it proposes nothing, and says the suite failed after its rewrite
    assert done.no_fix is not None
    assert "the suite fails after the rewrite" in done.no_fix.reason


def test_a_suite_already_red_at_the_base_is_named_as_the_cause_not_the_rewrite(
    fleet_of: Callable[..., RefactorFleet],
) -> None:
    # Given a suite that cannot import a test dependency the sandbox lacks (humanize's freezegun without `setup`)
    broken = "import not_installed_anywhere  # noqa: F401\n\n" + PRICE_TEST
    fleet = fleet_of(
        {**BASE, "shop/orders.py": ORDERS + NESTED, "tests/test_orders.py": broken},
        quality=QUALITY + '\nmode = "worst"',
    )
    # When the fixer runs
    done = fix(_job(fleet), fleet.ctx)
    # Then it proposes nothing and says the suite fails without its rewrite too: the environment needs fixing
    assert done.no_fix is not None
    assert "the suite already fails at the base commit" in done.no_fix.reason
    assert "setup" in done.no_fix.reason


def test_a_ruff_finding_with_no_safe_fix_names_the_rule_and_why(fleet_of: Callable[..., RefactorFleet]) -> None:
    # Given a function whose only debt is RET504, whose fix ruff marks unsafe (inflection 0.5.1's ``humanize``)
    assigned = "def label(word):\n    word = word.strip()\n    word = word.title()\n    return word\n"
    fleet = fleet_of({**BASE, "shop/orders.py": ORDERS + "\n\n" + assigned}, quality='rules = ["RET"]\nmode = "worst"')
    # When the fixer runs on the monitor's finding
    done = fix(_job(fleet), fleet.ctx)
    # Then the NoFix says which rule is left and that ruff offers no safe fix for it, not only the unchanged metric
    assert done.no_fix is not None
    assert "RET504" in done.no_fix.reason
    assert "no safe fix" in done.no_fix.reason
