"""``RepairFixer`` through the real fix stage and the real gate, on the demo's checkout service."""

from __future__ import annotations

from pathlib import Path

import pytest

from agentfleet.context import Context
from agentfleet.contracts import ErrorEvidence, FixError, Frame, Job, Verdict
from agentfleet.demo.sample import create_service_repo
from agentfleet.fixers.stage import fix
from agentfleet.gate.stage import verify
from agentfleet.settings import Settings

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


def test_a_production_crash_no_test_catches_is_reproduced_fixed_and_passes_the_gate(checkout_ctx) -> None:  # noqa: ANN001
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


def test_a_crash_outside_any_function_it_can_call_is_an_honest_no_fix(checkout_ctx) -> None:  # noqa: ANN001
    ctx, sha = checkout_ctx
    frames = (Frame(filename="app.py", function="<module>", lineno=17),)
    fixed = fix(_job(sha, frames), ctx)
    assert fixed.patch is None
    assert fixed.no_fix is not None
    assert (
        "repair: no test fails at the base commit; the crash in <module> could not be reproduced" in fixed.no_fix.reason
    )
