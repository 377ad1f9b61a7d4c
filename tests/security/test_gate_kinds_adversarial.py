"""The gate against cheating patches for the kinds the first rounds barely covered (``upgrade_dependency``
here; the cheats are in ``gate_cheats_upgrade.py``): each is refused by a check the decision names, and
the recipe's honest upgrade is still approved.

The repository pins ``requests`` 2.19.0 with its hash and installs it from a local simple index of real
wheels (2.19.0, 2.20.0, 2.31.0 and ``idna`` 3.7) through the prepare step, on bubblewrap (a Docker
sandbox cannot reach the host's loopback index).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from advisories.advisory_support import DATA, build_wheel, sha256_of, static_server, write_simple_index
from gate_cheats_upgrade import UPGRADE, Upgrade, UpgradeCheat
from gate_kinds_kit import diff_of
from support import make_repo, need

from agentfleet.contracts import GateDecision, Job, Patch, UpgradeDependency, Verdict
from agentfleet.core.context import Context
from agentfleet.core.settings import Settings
from agentfleet.flow.fixers.stage import fix
from agentfleet.flow.gate.stage import verify
from agentfleet.flow.monitors.run import run_monitor
from agentfleet.sandboxes.config import SandboxConfig

pytestmark = [pytest.mark.bwrap, pytest.mark.slow, pytest.mark.redis]

RELEASES = [("requests", "2.19.0"), ("requests", "2.20.0"), ("requests", "2.31.0"), ("idna", "3.7")]
TESTS = "import requests\n\n\ndef test_get():\n    assert requests.get('https://example.com') == 'ok'\n"
FLEET = """
[[repos]]
name = "shop"
location = "shop"
setup = "PIP_CONFIG_FILE=/dev/null pip install --quiet --index-url {url}/simple --require-hashes -r requirements.txt"
test = "python -m pytest -q"
trust.upgrade_dependency = {phase}
[repos.advisories]
source = "{data}"
index_url = "{url}/simple"
"""


@dataclass
class Shop:
    """The pinned repository, the recipe's honest upgrade job, and the context the gate runs in."""

    path: Path
    ctx: Context
    job: Job
    upgrade: Upgrade

    def diff(self, edits: dict[str, str | None]) -> str:
        """``edits`` as a git diff against the base commit."""
        return diff_of(self.path, edits)

    def decide(self, diff: str) -> GateDecision:
        """The gate's decision on ``diff`` as this upgrade's patch."""
        assert self.job.patch is not None
        job = self.job.model_copy(update={"patch": self.job.patch.model_copy(update={"diff": diff})})
        decision = verify(job, self.ctx).decision
        assert decision is not None
        return decision


@pytest.fixture
def shop(tmp_path: Path, sandbox_data: Path, redis_url: str) -> Iterator[Shop]:
    """The repository pinning requests 2.19.0, its index served on loopback, and the recipe's upgrade."""
    need(shutil.which("bwrap") is not None, "bubblewrap is not installed (apt-get install bubblewrap)")
    files = tmp_path / "index" / "files"
    wheels = {
        f"{n}-{v}": build_wheel(files, n, v, f"VERSION = {v!r}\n\n\ndef get(url):\n    return 'ok'\n")
        for n, v in RELEASES
    }
    write_simple_index(tmp_path / "index", list(wheels.values()))
    hashes = {key: sha256_of(wheel) for key, wheel in wheels.items()}
    before = f"requests==2.19.0 \\\n    --hash=sha256:{hashes['requests-2.19.0']}\n"
    make_repo(tmp_path / "shop", {"requirements.txt": before, "tests/test_app.py": TESTS})
    with static_server(tmp_path / "index") as url:
        (tmp_path / "fleet.toml").write_text(FLEET.format(url=url, data=DATA, phase=4))
        settings = Settings(
            data_dir=sandbox_data,
            fleet_file=tmp_path / "fleet.toml",
            database_url=f"sqlite:///{tmp_path / 'store.db'}",
            sandbox=SandboxConfig(backend="bwrap"),
            redis_url=redis_url,
        )
        ctx = Context.from_settings(settings)
        _, triaged = run_monitor(ctx, "shop", "advisories", run_id="kinds")
        (job,) = triaged.jobs
        assert isinstance(job.item, UpgradeDependency)
        assert job.item.target_version == "2.31.0"
        job = fix(job, ctx)
        assert isinstance(job.patch, Patch), job.no_fix
        honest = before.replace("2.19.0", "2.31.0").replace(hashes["requests-2.19.0"], hashes["requests-2.31.0"])
        names = {key: wheel.name for key, wheel in wheels.items()}
        yield Shop(tmp_path / "shop", ctx, job, Upgrade(before, honest, url, hashes, names))


def test_the_recipes_upgrade_is_approved_and_may_merge(shop: Shop) -> None:
    # Given the recipe's own upgrade, and the same edit written by hand
    for diff in (shop.job.patch.diff if shop.job.patch else "", shop.diff({"requirements.txt": shop.upgrade.honest})):
        # When the gate verifies it at trust phase 4
        decision = shop.decide(diff)
        # Then every check passed, upgrade_only among them, and it is auto-merged
        assert [c.name for c in decision.checks if not c.passed] == [], decision.reasons
        assert "upgrade_only" in {c.name for c in decision.checks}
        assert decision.verdict is Verdict.AUTO_MERGE, decision.reasons


@pytest.mark.parametrize("cheat", UPGRADE, ids=[c.id for c in UPGRADE])
def test_a_cheating_upgrade_is_refused_by_a_named_check(shop: Shop, cheat: UpgradeCheat) -> None:
    # Given the recipe's upgrade bent so the suite still passes
    diff = shop.diff(cheat.edits(shop.upgrade))
    # When the gate verifies it
    decision = shop.decide(diff)
    # Then it is rejected by a check the cheat names, and that check is in the reasons
    failed = {c.name for c in decision.checks if not c.passed}
    assert decision.verdict is Verdict.REJECT, decision.reasons
    refusing = failed & cheat.refused_by
    assert refusing, f"refused by {sorted(failed)}, expected one of {sorted(cheat.refused_by)}: {decision.reasons}"
    assert any(reason.startswith(f"{name}:") for name in refusing for reason in decision.reasons)
    # And what upgrade_only refuses never reached a sandbox (whose prepare step installs what the patch names)
    if "upgrade_only" in failed:
        assert "test_suite" not in {c.name for c in decision.checks}, decision.reasons
