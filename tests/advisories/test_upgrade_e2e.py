"""End to end on real parts: the advisories monitor finds a vulnerable pin, the recipe upgrades it, the gate
verifies it in a bwrap sandbox, delivery acts on it; the upgraded pin installs from a local PEP 503 index of
real wheels (with --require-hashes) and the repo's tests pass in the sandbox."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from advisory_support import DATA, build_wheel, sha256_of, static_server, write_simple_index
from support import GIT_ID, Proc, agentfleet_cmd, make_repo, need, wait_for

from agentfleet.contracts import DeliveryState, Patch, UpgradeDependency, Verdict
from agentfleet.core.context import Context
from agentfleet.core.settings import Settings
from agentfleet.flow.delivery.stage import deliver
from agentfleet.flow.fixers.stage import fix
from agentfleet.flow.gate.stage import verify
from agentfleet.flow.monitors.run import run_monitor
from agentfleet.forges.factory import open_forge
from agentfleet.sandboxes.config import SandboxConfig
from agentfleet.sandboxes.factory import open_sandbox
from agentfleet.store import Store, deliveries, ledger

pytestmark = [pytest.mark.bwrap, pytest.mark.slow]

MODULE = "VERSION = {version!r}\n\n\ndef get(url):\n    return 'ok'\n"
TESTS = (
    "import re\n\nimport requests\n\n\ndef test_get():\n    assert requests.get('https://example.com') == 'ok'\n\n\n"
    "def test_the_pinned_version_is_installed():\n"
    "    pin = re.search(r'requests==([0-9.]+)', open('requirements.txt').read()).group(1)\n"
    "    assert requests.VERSION == pin\n"
)
"""The second test fails when the suite runs against an environment the patch did not prepare."""
FLEET = """
[[repos]]
name = "{name}"
location = "shop"
setup = "PIP_CONFIG_FILE=/dev/null pip install --quiet --index-url {url}/simple --require-hashes -r requirements.txt"
test = "python -m pytest -q"
trust.upgrade_dependency = 3
[repos.advisories]
source = "{data}"
index_url = "{url}/simple"
"""


def _commit_patch(repo: Path, diff: str, branch: str) -> str:
    """Apply ``diff`` on a new branch of ``repo`` (what merging the PR does) and return the commit."""
    subprocess.run(["git", "checkout", "-q", "-b", branch], cwd=repo, check=True)
    subprocess.run(["git", "apply", "-"], cwd=repo, input=diff, text=True, check=True)
    subprocess.run(["git", *GIT_ID, "commit", "-q", "-am", "upgrade"], cwd=repo, check=True)
    sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True, check=True)
    subprocess.run(["git", "checkout", "-q", "main"], cwd=repo, check=True)
    return sha.stdout.strip()


def _index_and_repo(tmp_path: Path) -> dict[str, Path]:
    """A simple index of real wheels (three versions) and a repo pinning the oldest with its hash."""
    need(shutil.which("bwrap") is not None, "bubblewrap is not installed (apt-get install bubblewrap)")
    files = tmp_path / "index" / "files"
    wheels = {v: build_wheel(files, "requests", v, MODULE.format(version=v)) for v in ("2.19.0", "2.20.0", "2.31.0")}
    write_simple_index(tmp_path / "index", list(wheels.values()))
    pinned = f"requests==2.19.0 \\\n    --hash=sha256:{sha256_of(wheels['2.19.0'])}\n"
    make_repo(tmp_path / "shop", {"requirements.txt": pinned, "tests/test_app.py": TESTS})
    return wheels


def _context(tmp_path: Path, data_dir: Path, url: str, name: str, redis_url: str) -> Context:
    """A bwrap-sandboxed context on a fleet file naming repo ``name`` with the index at ``url``, on the
    session's private Redis (delivery takes a per-repo lock there)."""
    (tmp_path / "fleet.toml").write_text(FLEET.format(url=url, data=DATA, name=name))
    settings = Settings(
        data_dir=data_dir,
        fleet_file=tmp_path / "fleet.toml",
        database_url=f"sqlite:///{tmp_path / 'store.db'}",
        sandbox=SandboxConfig(backend="bwrap"),
        redis_url=redis_url,
    )
    return Context.from_settings(settings)


@pytest.mark.redis
def test_a_vulnerable_pin_is_upgraded_verified_and_delivered(
    tmp_path: Path, advisory_sandbox_data: Path, redis_url: str
) -> None:
    # Given a local simple index of real wheels named after a vulnerable package, and a repo pinning
    # 2.19.0 with its hash whose setup installs from that index
    wheels = _index_and_repo(tmp_path)
    with static_server(tmp_path / "index") as url:
        ctx = _context(tmp_path, advisory_sandbox_data, url, "shop-e2e", redis_url)
        # When the advisories monitor runs and its work goes through fix, gate and delivery
        _, triaged = run_monitor(ctx, "shop-e2e", "advisories", run_id="e2e")
        (job,) = triaged.jobs
        item = job.item
        assert isinstance(item, UpgradeDependency)
        assert (item.package, item.target_version) == ("requests", "2.31.0")  # 2.20.0 still has PYSEC-2023-74
        job = fix(job, ctx)
        assert isinstance(job.patch, Patch), job.no_fix
        job = verify(job, ctx)
        decision = job.decision
        assert decision is not None
        assert decision.passed, decision.reasons
        assert decision.verdict is Verdict.PR
        suite = next(c.evidence for c in decision.checks if c.name == "test_suite")
        assert "prepared from the patched dependency files" in suite
        job = deliver(job, ctx)
        assert job.delivery is not None
        assert job.delivery.state is DeliveryState.OPEN
        [pr] = open_forge(ctx, ctx.repo("shop-e2e")).list_prs()
        assert (pr.number, pr.branch, pr.draft) == (job.delivery.pr_number, item.branch, False)
        for expected in ("PYSEC-2023-74", "CVE-2023-32681", "2.31.0", "`test_suite`: pass"):
            assert expected in pr.body
        # Then the patched requirements install 2.31.0 from the index with --require-hashes, and the tests pass
        upgraded = _commit_patch(tmp_path / "shop", job.patch.diff, "upgrade-check")
        with open_sandbox(ctx, ctx.repo("shop-e2e"), upgraded) as box:
            installed = box.run("python -c 'import requests; print(requests.VERSION)'", timeout=60)
            suite = box.run("python -m pytest -q", timeout=120)
    assert installed.stdout.strip() == "2.31.0", installed.stderr
    assert suite.ok, suite.stdout + suite.stderr
    assert f"--hash=sha256:{sha256_of(wheels['2.31.0'])}" in job.patch.diff


@pytest.mark.redis
def test_the_audit_command_runs_the_upgrade_through_a_real_worker(
    tmp_path: Path, advisory_sandbox_data: Path, start_worker: Callable[..., Proc], spawn: Callable[..., Proc]
) -> None:
    # Given the same index and repo, and a real worker on Redis using bwrap sandboxes
    _index_and_repo(tmp_path)
    store_url = f"sqlite:///{tmp_path / 'worker-store.db'}"
    env = {
        "AGENTFLEET_DATA_DIR": str(advisory_sandbox_data),
        "AGENTFLEET_DATABASE_URL": store_url,
        "AGENTFLEET_SANDBOX__BACKEND": "bwrap",
    }
    with static_server(tmp_path / "index") as url:
        (tmp_path / "fleet.toml").write_text(FLEET.format(url=url, data=DATA, name="shop-worker"))
        start_worker(env=env)
        # When the advisories audit is started from the command line
        audit = spawn(agentfleet_cmd("audit", "shop-worker", "advisories"), "audit", env=env)
        assert audit.popen.wait(60) == 0, audit.output()
        assert "1 finding(s), 1 started" in audit.output()
        # Then the chain runs fix (recipe) → gate → deliver on the worker, each stage once
        store = Store(store_url)

        def stages() -> list[tuple[str, str]]:
            return [(r.stage, r.outcome) for r in ledger.recent(store, repo="shop-worker", limit=100)]

        wait_for(lambda: ("deliver", "opened") in stages(), 240, "the upgrade to be delivered")
    done = stages()
    assert ("fix:recipe", "patch") in done
    assert [s for s in done if s[0] == "gate" and s[1] != "started"] == [("gate", "approved")]
    delivered = deliveries.get(store, "shop-worker:upgrade_dependency:advisory:requirements.txt:requests")
    assert delivered is not None
    assert delivered.state is DeliveryState.OPEN, delivered.note
    assert delivered.pr_number is not None


@pytest.mark.redis
def test_an_upgrade_that_does_not_install_is_rejected_not_crashed(
    tmp_path: Path, advisory_sandbox_data: Path, redis_url: str
) -> None:
    # Given the recipe's upgrade, then tampered so its hash no longer matches the wheel on the index
    _index_and_repo(tmp_path)
    with static_server(tmp_path / "index") as url:
        ctx = _context(tmp_path, advisory_sandbox_data, url, "shop-badhash", redis_url)
        _, triaged = run_monitor(ctx, "shop-badhash", "advisories", run_id="badhash")
        job = fix(triaged.jobs[0], ctx)
        assert job.patch is not None
        tampered = re.sub(r"(\+    --hash=sha256:)[0-9a-f]{64}", r"\g<1>" + "0" * 64, job.patch.diff, count=1)
        assert tampered != job.patch.diff
        bad = job.patch.model_copy(update={"diff": tampered})
        # When the gate verifies it
        decision = verify(job.model_copy(update={"patch": bad}), ctx).decision
    # Then the gate rejects it with the prepare step's failure as evidence
    assert decision is not None
    assert decision.verdict is Verdict.REJECT
    prepares = next(c for c in decision.checks if c.name == "prepares")
    assert not prepares.passed
    assert "hash" in prepares.evidence.lower()
