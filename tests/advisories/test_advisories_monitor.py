"""The advisories monitor on a real git repo and the real data: findings, triage into work, the dry-run CLI."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from advisory_support import DATA
from support import commit, make_repo

from agentfleet.contracts import FindingKind, UpgradeDependency, WorkKind
from agentfleet.core.context import Context
from agentfleet.core.settings import Settings
from agentfleet.flow.monitors import monitor_for
from agentfleet.flow.monitors.run import run_monitor
from agentfleet.store import Store, findings, ledger

FLEET = """
[[repos]]
name = "svc"
location = "svc"
trust.upgrade_dependency = 3
[repos.advisories]
source = "{data}"
index_url = "none"
ignore = ["CVE-2018-18074"]
"""


PYPROJECT = '[project]\nname = "svc"\ndependencies = ["paramiko===0.1-bulbasaur", "jinja2>=2.10,<2.11"]\n'


def _fleet(write_fleet: Callable[[str], Path]) -> Path:
    return write_fleet(FLEET.format(data=DATA))


def test_monitor_findings_become_upgrade_work_once(
    tmp_path: Path, write_fleet: Callable[[str], Path], ctx: Context
) -> None:
    # Given a repo whose default branch pins two vulnerable packages (one advisory ignored by config)
    base = make_repo(
        tmp_path / "svc",
        {"requirements.txt": "requests==2.19.0\nPyYAML==5.3  # yaml\nidna==3.7\n", "setup.py": "print('hi')\n"},
    )
    _fleet(write_fleet)
    # When the monitor scans it
    found = monitor_for("advisories", ctx).scan(ctx.repo("svc"))
    # Then one finding per affected declaration, at the branch tip, with typed evidence
    by_package = {f.evidence.package: f for f in found}  # type: ignore[union-attr]
    assert set(by_package) == {"requests", "pyyaml"}
    requests = by_package["requests"]
    assert requests.kind is FindingKind.ADVISORY
    assert requests.commit == base
    assert requests.fingerprint == "advisory:requirements.txt:requests"
    assert [a.id for a in requests.evidence.advisories] == ["PYSEC-2023-74"]  # type: ignore[union-attr]
    assert requests.title == "requests 2.19.0 (requirements.txt): 1 advisory; upgrade to 2.31.0"
    # And triage turns them into upgrade work, exactly once across repeated runs
    _, first = run_monitor(ctx, "svc", "advisories", run_id="run-1")
    _, second = run_monitor(ctx, "svc", "advisories", run_id="run-2")
    items = [job.item for job in first.jobs]
    assert all(isinstance(i, UpgradeDependency) and i.kind == WorkKind.UPGRADE_DEPENDENCY.value for i in items)
    assert {(i.package, i.target_version, i.manifest) for i in items} == {  # type: ignore[union-attr]
        ("requests", "2.31.0", "requirements.txt"),
        ("pyyaml", "5.4", "requirements.txt"),
    }
    assert second.jobs == []
    assert len(second.counted) == 2


def test_dry_run_prints_the_table_and_changes_nothing(tmp_path: Path, write_fleet: Callable[[str], Path]) -> None:
    # Given a repo pinning vulnerable versions in requirements.txt and pyproject.toml
    make_repo(tmp_path / "svc", {"requirements.txt": "flask==0.12.2\n"})
    commit(
        tmp_path / "svc",
        {"pyproject.toml": PYPROJECT},
        "add pyproject",
    )
    fleet = _fleet(write_fleet)
    before = subprocess.run(["git", "status", "--porcelain"], cwd=tmp_path / "svc", capture_output=True, text=True)
    # When the CLI audits it with --dry-run
    done = subprocess.run(
        [sys.executable, "-m", "agentfleet.cli", "audit", "svc", "advisories", "--dry-run"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={
            "AGENTFLEET_FLEET_FILE": str(fleet),
            "AGENTFLEET_DATA_DIR": str(tmp_path / "data"),
            "PATH": "/usr/bin:/bin",
        },
        timeout=60,
    )
    # Then it prints one row per affected declaration with the proposed upgrade or why there is none
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["severity", "package", "current", "manifest", "advisories", "upgrade", "to"]
    severities = {"low", "medium", "high"}
    rows = {line.split()[1]: line for line in lines[1:] if line and line.split()[0].rstrip("*") in severities}
    assert set(rows) == {"flask", "jinja2", "paramiko"}
    assert rows["flask"].split()[-1] == "2.2.5"
    assert rows["jinja2"].split()[-1] == "-"  # 2.10 needs 2.11.3, which the <2.11 cap forbids
    assert "no upgrade: the smallest fixed release 2.11.3 conflicts with the repo's <2.11" in done.stdout
    assert "no upgrade: current version '0.1-bulbasaur' is not a PEP 440 version" in done.stdout
    assert lines[-1] == "3 affected declaration(s), 1 with a proposed upgrade; nothing was changed"
    # And nothing was recorded or changed
    store = Store(Settings(data_dir=tmp_path / "data").store_url)
    assert list(ledger.recent(store, limit=10)) == []
    assert list(findings.latest(store)) == []
    after = subprocess.run(["git", "status", "--porcelain"], cwd=tmp_path / "svc", capture_output=True, text=True)
    assert before.stdout == after.stdout
