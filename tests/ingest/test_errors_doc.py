"""The fleet-file example in docs/errors.md is valid and means what the doc says."""

from __future__ import annotations

import re
from pathlib import Path

from agentfleet.core.fleet import parse_fleet
from agentfleet.ingest.auth import KeyMap

DOC = Path(__file__).parents[2] / "docs" / "errors.md"


def test_fleet_example_parses_and_maps_its_key() -> None:
    (toml,) = re.findall(r"```toml\n(.*?)```", DOC.read_text(), flags=re.DOTALL)
    fleet = parse_fleet(toml, DOC)
    repo = fleet.repo("checkout")
    assert repo.errors.frequency == 100
    assert repo.errors.tags == {"customer_tier": ["enterprise"]}
    assert KeyMap.from_fleet(fleet).repo_for("3f2c9a7d5e1b4c60a8f9d2e7b6c5a401").name == "checkout"
    assert repo.monitors["errors"].every == 60
