"""Delivery under test: a fleet whose one repo uses the forge under test, real Redis, real store."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from forges.github_standin import GitHubStandIn
from forges.kit import APP, FIX, FIX_WITH_TEST, TOKEN
from support import free_port, make_repo

from agentfleet.contracts import (
    Check,
    ErrorEvidence,
    FixError,
    GateDecision,
    Job,
    Patch,
    TrustPhase,
    UpgradeDependency,
    Verdict,
)
from agentfleet.core.context import Context
from agentfleet.core.settings import Settings
from agentfleet.forges import Forge
from agentfleet.forges.bare import BareRepo
from agentfleet.forges.config import GitHubConfig
from agentfleet.forges.factory import open_forge
from agentfleet.forges.memory import InMemoryForge

PHASE_VERDICT = {1: Verdict.REPORT, 2: Verdict.DRAFT_PR, 3: Verdict.PR, 4: Verdict.AUTO_MERGE}


@dataclass
class Fleet:
    """One repo ``svc`` on the forge under test."""

    kind: str
    ctx: Context
    base: str
    github: GitHubStandIn | None
    upstream: Path

    @property
    def env(self) -> dict[str, str]:
        """The environment that points the CLI at this fleet."""
        settings = self.ctx.settings
        env = {
            "AGENTFLEET_DATA_DIR": str(settings.data_dir),
            "AGENTFLEET_FLEET_FILE": str(settings.fleet_file),
            "AGENTFLEET_REDIS_URL": settings.redis_url,
            **({"AGENTFLEET_DATABASE_URL": settings.database_url} if settings.database_url else {}),
        }
        if self.github is not None:
            env |= {"AGENTFLEET_GITHUB__TOKEN": TOKEN, "AGENTFLEET_GITHUB__BASE_URL": self.github.base_url}
            env |= {
                "AGENTFLEET_GITHUB__SECONDS_BETWEEN_REQUESTS": "0",
                "AGENTFLEET_GITHUB__SECONDS_BETWEEN_WRITES": "0",
            }
        return env

    @property
    def forge(self) -> Forge:
        return open_forge(self.ctx, self.ctx.repo("svc"))

    def job(self, verdict: Verdict, *, fingerprint: str = "err-add", diff: str = FIX, kind: str = "fix_error") -> Job:
        """A job whose patch the gate passed with ``verdict``."""
        common = {"repo": "svc", "base_commit": self.base, "fingerprint": fingerprint, "trust_phase": TrustPhase.PR}
        if kind == "fix_error":
            item = FixError(**common, title="add subtracts", error=ErrorEvidence(exception_type="AssertionError"))
        else:
            item = UpgradeDependency(
                **common, package="urllib3", current="==1.0", target_version="2.0", manifest="r.txt"
            )
        checks = (
            Check(name="test_suite", passed=verdict is not Verdict.REJECT, evidence="`pytest`: exit 0\n1 passed"),
        )
        decision = GateDecision(verdict=verdict, checks=checks, reasons=("why",), low_risk=True)
        patch = Patch(base_commit=self.base, diff=diff, author="repair", rationale="add used -")
        return Job(item=item, patch=patch, decision=decision)  # type: ignore[arg-type]


@pytest.fixture
def make_fleet(
    tmp_path: Path, redis_url: str, write_fleet: Callable[[str], Path], database_url: str | None
) -> Iterator[Callable[..., Fleet]]:
    """Factory: ``make_fleet("local", fleet_extra="budgets.max_open_prs = 1")``."""
    standins: list[GitHubStandIn] = []
    fleets: list[Fleet] = []
    InMemoryForge.reset()

    def make(kind: str, fleet_extra: str = "") -> Fleet:
        upstream = tmp_path / "svc"
        base = make_repo(upstream, {"app.py": APP})
        settings = Settings(
            data_dir=tmp_path / ".agentfleet",
            fleet_file=tmp_path / "fleet.toml",
            redis_url=redis_url,
            database_url=database_url,
        )
        standin = None
        forge_line = f'forge = "{kind}"'
        if kind == "github":
            bare = BareRepo(tmp_path / "github" / "svc.git", "main")
            bare.sync(str(upstream))
            standin = GitHubStandIn(bare, "acme/svc", TOKEN, free_port()).start()
            standins.append(standin)
            github = GitHubConfig(
                token=TOKEN, base_url=standin.base_url, seconds_between_requests=0, seconds_between_writes=0
            )
            settings = settings.model_copy(update={"github": github})
            forge_line += '\ngithub_repo = "acme/svc"'
        write_fleet(f'[[repos]]\nname = "svc"\nlocation = "svc"\n{forge_line}\n{fleet_extra}\n')
        fleets.append(Fleet(kind, Context.from_settings(settings), base, standin, upstream))
        return fleets[-1]

    yield make
    for fleet in fleets:
        fleet.ctx.store.dispose()
    for standin in standins:
        standin.stop()
    InMemoryForge.reset()


__all__ = ["FIX", "FIX_WITH_TEST", "PHASE_VERDICT", "Fleet", "make_fleet"]
