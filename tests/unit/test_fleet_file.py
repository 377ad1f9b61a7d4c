"""A broken fleet file fails at start naming the file, the field path and the reason."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from agentfleet.contracts import TrustPhase, WorkKind
from agentfleet.core.errors import ConfigError
from agentfleet.core.fleet import load_fleet
from agentfleet.core.settings import get_settings

GOOD = """
[defaults]
budgets = { max_open_prs = 2 }
trust = { fix_error = 2 }

[[repos]]
name = "checkout"
location = "services/checkout"
setup = "pip install -r requirements.txt"
test = "pytest -q"
trust = { upgrade_dependency = 3 }
monitors.heartbeat = { every = 30 }

[[repos]]
name = "billing"
location = "git@github.com:acme/billing.git"
forge = "github"
github_repo = "acme/billing"
budgets = { max_open_prs = 9 }
"""


def test_a_valid_file_loads_with_defaults_merged_and_paths_resolved(
    write_fleet: Callable[[str], Path], tmp_path: Path
) -> None:
    fleet = load_fleet(write_fleet(GOOD))
    checkout, billing = fleet.repos
    assert checkout.location == str(tmp_path / "services" / "checkout")
    assert billing.location == "git@github.com:acme/billing.git"
    assert not billing.is_local
    assert checkout.trust.of(WorkKind.FIX_ERROR) is TrustPhase.DRAFT_PR
    assert checkout.trust.of(WorkKind.UPGRADE_DEPENDENCY) is TrustPhase.PR
    assert checkout.budgets.max_open_prs == 2
    assert billing.budgets.max_open_prs == 9
    assert fleet.repo("billing") is billing


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '[[repos]]\nname = "a"\nlocation = "."\ntrust = { fix_error = 7 }\n',
            "repos[0].trust.fix_error: Input should be 1, 2, 3 or 4 (got 7)",
        ),
        ('[[repos]]\nname = "a"\nlocaton = "."\n', "repos[0].location: Field required"),
        ('[[repos]]\nname = "a"\nlocaton = "."\n', "repos[0].locaton: Extra inputs are not permitted"),
        (
            '[[repos]]\nname = "a"\nlocation = "."\nmonitors.errors = { cron = "61 * * * *" }\n',
            "repos[0].monitors.errors.cron: Value error, cron '61 * * * *': the minute field '61' is not valid",
        ),
        ('[[repos]]\nname = "a"\nlocation = "."\nmonitors.errors = { cron = "* * *" }\n', "needs 5 fields"),
        (
            '[[repos]]\nname = "a"\nlocation = "."\nmonitors.errors = { cron = "* * * * *", every = 5 }\n',
            "repos[0].monitors.errors: Value error, give either 'cron' or 'every', not both",
        ),
        (
            '[[repos]]\nname = "a"\nlocation = "."\n[[repos]]\nname = "a"\nlocation = "."\n',
            "repos: Value error, repo name 'a' is used twice",
        ),
        ('[[repos]]\nname = "no spaces allowed"\nlocation = "."\n', "repos[0].name: String should match pattern"),
        (
            '[[repos]]\nname = "a"\nlocation = "."\nbudgets = { max_prs_per_hour = -1 }\n',
            "repos[0].budgets.max_prs_per_hour: Input should be greater than or equal to 0",
        ),
        ('[[repos]]\nname = "a"\nlocation = "."\ngithub_repo = "not a slug"\n', "repos[0].github_repo"),
        ('[[repos]\nname = "a"\n', "is not valid TOML"),
        ("defaults = 3\n", "defaults: must be a table"),
    ],
)
def test_broken_files_name_file_field_and_reason(write_fleet: Callable[[str], Path], text: str, expected: str) -> None:
    path = write_fleet(text)
    with pytest.raises(ConfigError) as caught:
        load_fleet(path)
    message = str(caught.value)
    assert str(path) in message
    assert expected in message


def test_a_missing_file_says_how_to_point_at_one(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="AGENTFLEET_FLEET_FILE"):
        load_fleet(tmp_path / "absent.toml")


def test_unknown_repo_lists_the_known_ones(write_fleet: Callable[[str], Path]) -> None:
    with pytest.raises(ConfigError, match="known: checkout, billing"):
        load_fleet(write_fleet(GOOD)).repo("payments")


def test_invalid_settings_name_the_environment_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AGENTFLEET_SANDBOX__BACKEND", "chroot")
    monkeypatch.setenv("AGENTFLEET_FLOWER__PORT", "99999")
    with pytest.raises(ConfigError) as caught:
        get_settings()
    assert "AGENTFLEET_SANDBOX__BACKEND" in str(caught.value)
    assert "AGENTFLEET_FLOWER__PORT" in str(caught.value)


def test_an_unknown_monitor_is_named(write_fleet: Callable[[str], Path]) -> None:
    path = write_fleet('[[repos]]\nname = "a"\nlocation = "."\nmonitors.heartbaet = {}\n')
    with pytest.raises(ConfigError, match=r"repos\[0\]\.monitors: Value error, unknown monitor 'heartbaet'"):
        load_fleet(path)


def test_a_repo_sets_its_fixers_budget_and_work_items_carry_it(write_fleet: Callable[[str], Path]) -> None:
    from agentfleet.contracts import Finding, FindingKind, HeartbeatEvidence
    from agentfleet.flow.triage.work_items import work_item_for

    repo = load_fleet(write_fleet('[[repos]]\nname = "a"\nlocation = "."\nagent.budget = { max_steps = 5 }\n')).repos[0]
    finding = Finding(
        kind=FindingKind.HEARTBEAT, repo="a", fingerprint="f", title="t", evidence=HeartbeatEvidence(tick="t")
    )
    item = work_item_for(finding, repo, "a" * 40)
    assert item is not None
    assert (item.budget.max_steps, item.budget.max_seconds) == (5, 900)
