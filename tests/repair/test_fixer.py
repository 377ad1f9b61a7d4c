"""``RepairFixer`` through the real fix stage and the real gate, on the demo's checkout service."""

from __future__ import annotations

from pathlib import Path

import pytest

from agentfleet.contracts import ErrorEvidence, FixError, Frame, InvestigationReport, Job, RegressionTest, Verdict
from agentfleet.core.context import Context
from agentfleet.core.settings import Settings
from agentfleet.demo.sample import create_service_repo
from agentfleet.flow.fixers.repair.boxes import sandboxes
from agentfleet.flow.fixers.stage import fix
from agentfleet.flow.gate.stage import verify
from agentfleet.sandboxes.factory import open_sandbox

pytestmark = [pytest.mark.bwrap, pytest.mark.slow]

FLEET = '[[repos]]\nname = "checkout"\nlocation = "checkout"\ntest = "python -m pytest -q"\nagent.fixers = ["repair"]\n'
FRAMES = (
    Frame(filename="app.py", function="<module>", lineno=17),
    Frame(filename="checkout/service.py", function="handle_checkout", lineno=11),
    Frame(filename="checkout/cart.py", function="total", lineno=40),
    Frame(filename="checkout/cart.py", function="total", lineno=25),
    Frame(
        filename="checkout/pricing.py",
        function="bulk_discount",
        lineno=13,
        context_line="    return TIERS[min(quantity // 10, len(TIERS))]",
    ),
)


def _job(sha: str, frames: tuple[Frame, ...] = FRAMES) -> Job:
    error = ErrorEvidence(exception_type="IndexError", exception_value="tuple index out of range", frames=frames)
    item = FixError(repo="checkout", base_commit=sha, fingerprint="error:checkout:IndexError", error=error)
    return Job(item=item)


@pytest.fixture
def checkout_ctx(repair_ctx: Context, tmp_path: Path) -> tuple[Context, str]:
    """The demo's service (Bob's off-by-one on HEAD) in a fleet whose only error fixer is ``repair``."""
    sha = create_service_repo(tmp_path / "checkout")
    (tmp_path / "fleet.toml").write_text(FLEET)
    settings = Settings(
        data_dir=repair_ctx.settings.data_dir, fleet_file=tmp_path / "fleet.toml", sandbox=repair_ctx.settings.sandbox
    )
    return Context.from_settings(settings), sha


def test_a_production_crash_no_test_catches_is_reproduced_fixed_and_passes_the_gate(checkout_ctx) -> None:
    ctx, sha = checkout_ctx
    # Given a production IndexError in bulk_discount that every existing test misses
    # When the fix stage runs the repair fixer on it
    fixed = fix(_job(sha), ctx)
    # Then the patch fixes the off-by-one and adds a regression test that calls the crashing function
    patch = fixed.patch
    assert patch is not None, fixed.no_fix
    assert patch.author == "repair"
    assert patch.files == ("checkout/pricing.py", "tests/test_regression_bulk_discount.py")
    assert "+    return TIERS[min(quantity // 10, len(TIERS) - 1)]\n" in patch.diff
    assert "+from checkout.pricing import bulk_discount\n" in patch.diff
    assert "regression test" in patch.rationale
    # And the gate, re-running everything in a fresh sandbox, sees the test fail before and pass after
    decision = verify(fixed, ctx).decision
    assert decision is not None
    assert decision.verdict is not Verdict.REJECT, decision.reasons
    assert {c.name: c.passed for c in decision.checks}["fixes_the_error"]


def test_a_crash_outside_any_function_it_can_call_is_an_honest_no_fix(checkout_ctx) -> None:
    ctx, sha = checkout_ctx
    frames = (Frame(filename="app.py", function="<module>", lineno=17),)
    fixed = fix(_job(sha, frames), ctx)
    assert fixed.patch is None
    assert fixed.no_fix is not None
    assert (
        "repair: no test fails at the base commit; the crash in <module> could not be reproduced" in fixed.no_fix.reason
    )


def test_a_regression_test_the_fix_stage_wrote_is_in_every_parallel_sandbox(checkout_ctx) -> None:
    ctx, sha = checkout_ctx
    repo = ctx.repo("checkout")
    test = "from checkout.pricing import bulk_discount\n\n\ndef test_sixty():\n    bulk_discount(60)\n"
    # Given the fixer's own sandbox, holding a regression test the fix stage wrote before calling it
    with open_sandbox(ctx, repo, sha) as first:
        first.write("tests/test_regression_sixty.py", test)
        # When the engine opens its other slots
        with sandboxes(ctx, repo, sha, 3, first=first) as boxes:
            copies = [box.read("tests/test_regression_sixty.py") for box in boxes]
        # Then each of them has the test too, and the first box is untouched
        assert copies == [test, test, test]
        assert first.read("tests/test_regression_sixty.py") == test


def test_with_the_investigations_regression_test_the_fixer_starts_from_it(checkout_ctx) -> None:
    ctx, sha = checkout_ctx
    # Given an investigation that replayed production's call as a regression test
    seed = RegressionTest(
        path="tests/test_regression_bulk_discount_1a2b3c4d.py",
        content="from checkout.pricing import bulk_discount\n\n\ndef test_replay():\n    bulk_discount(quantity=60)\n",
        call="bulk_discount(quantity=60)",
    )
    job = _job(sha)
    report = InvestigationReport(
        repo="checkout",
        fingerprint=job.item.fingerprint,
        commit=sha,
        commit_source="default_branch",
        exception_type="IndexError",
        regression_test=seed,
    )
    # When the fix stage runs the repair fixer
    fixed = fix(job.model_copy(update={"report": report}), ctx)
    # Then the engine fixes the bug against that test (writing none of its own) and the gate agrees
    assert fixed.patch is not None, fixed.no_fix
    assert fixed.patch.files == ("checkout/pricing.py", seed.path)
    assert "+    return TIERS[min(quantity // 10, len(TIERS) - 1)]\n" in fixed.patch.diff
    decision = verify(fixed, ctx).decision
    assert decision is not None
    assert decision.verdict is not Verdict.REJECT, decision.reasons
