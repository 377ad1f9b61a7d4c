"""docs/tests.md stays true: its fleet-file example loads, and its field table names every field."""

from __future__ import annotations

import re
from pathlib import Path

from agentfleet.core.fleet import parse_fleet
from agentfleet.flow.monitors.coverage.config import CoverageConfig

DOC = Path(__file__).parents[2] / "docs" / "tests.md"


def test_the_fleet_file_example_loads() -> None:
    block = re.search(r"```toml\n(.*?)```", DOC.read_text(), re.S)
    assert block is not None, "the fleet-file example is missing from docs/tests.md"
    fleet = parse_fleet(block.group(1), Path("/etc/agentfleet/fleet.toml"))
    repo = fleet.repo("shop")
    assert (repo.coverage.since, repo.coverage.omit) == ("v2.3.0", ["*/migrations/*"])
    assert "coverage" in repo.monitors


def test_the_field_table_names_every_field() -> None:
    table = DOC.read_text().partition("## Fleet-file fields")[2].partition("\n## ")[0]
    named = set(re.findall(r"`([a-z_]+)`", table))
    assert set(CoverageConfig.model_fields) <= named, set(CoverageConfig.model_fields) - named
