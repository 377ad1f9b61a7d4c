"""docs/refactoring.md stays true: its fleet-file example loads, and its field list names every field."""

from __future__ import annotations

import re
from pathlib import Path

from agentfleet.core.fleet import parse_fleet
from agentfleet.flow.monitors.quality.config import QualityConfig
from agentfleet.tasks.schedule import DEFAULT_SCHEDULES

DOC = Path(__file__).parents[2] / "docs" / "refactoring.md"


def test_the_fleet_file_example_loads() -> None:
    block = re.search(r"```toml\n(.*?)```", DOC.read_text(), re.S)
    assert block is not None, "the fleet-file example is missing from docs/refactoring.md"
    repo = parse_fleet(block.group(1), Path("/etc/agentfleet/fleet.toml")).repo("shop")
    assert (repo.quality.since, repo.quality.mode, repo.quality.min_duplicate_lines) == ("v2.3.0", "new", 8)
    assert "quality" in repo.monitors
    assert DEFAULT_SCHEDULES["quality"] == "23 5 * * 1"  # "weekly, Mondays 05:23 UTC", as the example says


def test_the_field_list_names_every_field() -> None:
    section = DOC.read_text().partition("## Fleet-file fields")[2].partition("\n## ")[0]
    named = set(re.findall(r"`([a-z_]+)`", section))
    assert set(QualityConfig.model_fields) <= named, set(QualityConfig.model_fields) - named
