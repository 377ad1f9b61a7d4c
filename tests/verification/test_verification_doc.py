"""The fleet-file example in docs/verification.md is valid and means what the doc says."""

from __future__ import annotations

import re
from pathlib import Path

from agentfleet.core.fleet import parse_fleet
from agentfleet.flow.kinds import KINDS

DOC = Path(__file__).parents[2] / "docs" / "verification.md"


def test_fleet_example_parses_with_its_verification_settings() -> None:
    (toml,) = re.findall(r"```toml\n(.*?)```", DOC.read_text(), flags=re.DOTALL)
    errors = parse_fleet(toml, DOC).repo("checkout").errors
    assert (errors.release_format, errors.verify_window, errors.min_traffic) == ("name@version", 86400, 10)


def test_the_kinds_the_doc_says_are_judged_in_production_are_the_tables() -> None:
    judged = {row.kind.value: row.verified_by for row in KINDS.values() if row.verified_by}
    assert judged == {"fix_error": "errors", "upgrade_dependency": "advisories"}
    for row in KINDS.values():
        assert row.verified_by is None or row.verified_by in row.monitors
