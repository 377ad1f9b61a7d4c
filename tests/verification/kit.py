"""Verification under test: the demo's checkout service on the local forge, an agent fix PR for Bob's crash,
real git, a real store and real Redis (delivery's lock); production events are written the way the grouper
writes them."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from support import git

from agentfleet.contracts import (
    Check,
    ErrorEvidence,
    FixError,
    Frame,
    GateDecision,
    Job,
    Patch,
    TrustPhase,
    Verdict,
    utcnow,
)
from agentfleet.core.context import Context
from agentfleet.core.diffs import new_file_diff, unified_diff
from agentfleet.core.fleet import RepoConfig
from agentfleet.core.settings import Settings
from agentfleet.demo.sample import BUGGY_LINE, create_service_repo
from agentfleet.flow.delivery.record import record_review
from agentfleet.flow.delivery.stage import deliver
from agentfleet.flow.verification.errors import verify_fixes
from agentfleet.forges.factory import open_forge
from agentfleet.ingest.event import ErrorEvent
from agentfleet.ingest.fingerprint import fingerprint
from agentfleet.ingest.record import record_batch
from agentfleet.store import verifications, work
from agentfleet.store.verifications import VerificationRow

FIXED_LINE = "    return TIERS[min(quantity // 10, len(TIERS) - 1)]\n"
REGRESSION_TEST = "tests/test_regression_bulk_discount.py"


def _frame(path: str, function: str, line: int) -> Frame:
    module = path.removesuffix(".py").replace("/", ".")
    return Frame(filename=path, abs_path=f"/srv/checkout/{path}", module=module, function=function, lineno=line)


CRASH = (
    Frame(filename="app.py", abs_path="/srv/checkout/app.py", module="__main__", function="<module>", lineno=18),
    _frame("checkout/service.py", "handle_checkout", 11),
    _frame("checkout/cart.py", "total", 40),
    _frame("checkout/cart.py", "total", 25),
    _frame("checkout/pricing.py", "bulk_discount", 13),
)
"""Bob's IndexError, as sentry-sdk reports it (innermost last)."""
GROUP = fingerprint("IndexError", CRASH)
ORDER_ERROR = (*CRASH[:2], _frame("checkout/cart.py", "from_order", 35))
"""A KeyError in order parsing: Alice's lines, nothing the fix changed."""
FLEET = """[[repos]]
name = "checkout"
location = "checkout"
trust = {{ fix_error = {phase} }}
[repos.errors]
verify_window = 600
min_traffic = 2
release_format = "{release_format}"
"""


@dataclass
class Shop:
    """The checkout service, its fleet, and an agent fix PR for Bob's crash."""

    ctx: Context
    location: Path
    bob: str
    """Bob's buggy commit (HEAD before the fix)."""

    @property
    def repo(self) -> RepoConfig:
        return self.ctx.repo("checkout")

    @property
    def bare(self) -> Path:
        return (self.ctx.settings.data_dir / "forge" / "checkout.git").resolve()

    def fix_diff(self) -> str:
        pricing = (self.location / "checkout" / "pricing.py").read_text()
        test = "from checkout.pricing import bulk_discount\n\n\ndef test_sixty():\n    bulk_discount(quantity=60)\n"
        fixed = unified_diff("checkout/pricing.py", pricing, pricing.replace(BUGGY_LINE, FIXED_LINE))
        return fixed + new_file_diff(REGRESSION_TEST, test)

    def job(self, fingerprint: str = GROUP) -> Job:
        error = ErrorEvidence(exception_type="IndexError", exception_value="tuple index out of range", frames=CRASH)
        item = FixError(
            repo="checkout", base_commit=self.bob, fingerprint=fingerprint, trust_phase=TrustPhase.PR, error=error
        )
        patch = Patch(base_commit=self.bob, diff=self.fix_diff(), files=("checkout/pricing.py",), author="repair")
        decision = GateDecision(
            verdict=Verdict.PR, checks=(Check(name="test_suite", passed=True, evidence="`pytest`: exit 0"),)
        )
        return Job(item=item, patch=patch, decision=decision)

    def fix_pr(self) -> Job:
        """The agent's fix, run to delivery: a work row finished and a ready PR (#1) on the local forge."""
        job = self.job()
        work.claim(self.ctx.store, Job(item=job.item), run_id="monitor-1", cooldown_s=3600, stale_s=3600)
        delivered = deliver(job, self.ctx)
        work.finish(self.ctx.store, delivered)
        return delivered

    def merge(self, number: int = 1, *, pull: bool = True) -> str:
        """A human merges PR ``number`` (recorded as ``agentfleet pr merge`` does) and pulls it into the location."""
        forge = open_forge(self.ctx, self.repo)
        pr = forge.merge(number)
        assert pr.merge_sha is not None
        key = f"checkout:fix_error:{GROUP}"
        record_review(
            self.ctx.store,
            repo="checkout",
            key=key,
            outcome="merged",
            pr=number,
            actor="cli:alice",
            merge_sha=pr.merge_sha,
        )
        if pull:
            git(self.location, "pull", "-q", "--no-rebase", "--ff-only", str(self.bare), "main")
        return pr.merge_sha

    def commit(self, path: str, old: str, new: str, message: str) -> str:
        """A human commit at the location replacing ``old`` by ``new`` in ``path``; its SHA."""
        target = self.location / path
        target.write_text(target.read_text().replace(old, new))
        git(self.location, "commit", "-q", "-am", message)
        return git(self.location, "rev-parse", "HEAD")

    def send(
        self,
        release: str | None,
        *,
        frames: tuple[Frame, ...] = CRASH,
        exception: str = "IndexError",
        received: datetime | None = None,
        timestamp: datetime | None = None,
        count: int = 1,
    ) -> list[ErrorEvent]:
        """``count`` production events from ``release``, grouped into the store as the grouper does."""
        when = received or utcnow()
        events = [
            ErrorEvent(
                event_id=uuid.uuid4().hex,
                repo="checkout",
                fingerprint=fingerprint(exception, frames, "checkout: orders confirmed"),
                timestamp=timestamp or when,
                received=when + timedelta(milliseconds=i),
                level="error" if frames else "info",
                exception_type=exception,
                exception_value="boom",
                message="" if frames else "checkout: orders confirmed",
                frames=frames,
                handled=False,
                release=release,
                environment="production",
            )
            for i in range(count)
        ]
        with self.ctx.store.session() as session:
            record_batch(session, events, bucket_s=60, keep=50)
        return events

    def traffic(self, release: str | None, count: int = 2, **kw: object) -> None:
        """Healthy batches reporting in (info events, no frames)."""
        self.send(release, frames=(), exception="", count=count, **kw)  # type: ignore[arg-type]

    def verify(self, *, at: datetime | None = None) -> list[str]:
        return verify_fixes(self.ctx, self.repo, now=at)

    def row(self) -> VerificationRow:
        (row,) = verifications.listing(self.ctx.store, repo="checkout")
        return row


@pytest.fixture
def make_shop(tmp_path: Path, redis_url: str) -> Callable[..., Shop]:
    """Factory: ``make_shop(phase=3, release_format="sha")``: the checkout fleet, Bob's bug on HEAD."""

    def make(*, phase: int = 3, release_format: str = "sha") -> Shop:
        location = tmp_path / "checkout"
        bob = create_service_repo(location)
        (tmp_path / "fleet.toml").write_text(FLEET.format(phase=phase, release_format=release_format))
        settings = Settings(data_dir=tmp_path / ".agentfleet", fleet_file=tmp_path / "fleet.toml", redis_url=redis_url)
        return Shop(Context.from_settings(settings), location, bob)

    return make
