"""The dry-run example in docs/advisories.md is real output: run it and compare."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from advisory_support import DATA
from support import make_repo

DOC = Path(__file__).parents[2] / "docs" / "advisories.md"


def test_the_documented_dry_run_matches_real_output(tmp_path: Path, write_fleet: Callable[[str], Path]) -> None:
    # Given the repo the example describes
    make_repo(
        tmp_path / "shop",
        {
            "requirements.txt": "django==3.2.0\nrequests==2.19.0\n",
            "pyproject.toml": '[project]\nname = "shop"\ndependencies = ["jinja2>=2.10,<2.11"]\n',
        },
    )
    fleet = write_fleet(
        f'[[repos]]\nname = "shop"\nlocation = "shop"\n[repos.advisories]\nsource = "{DATA}"\nindex_url = "none"\n'
    )
    block = re.search(r"```\n\$ (agentfleet audit shop advisories --dry-run)\n(.*?)```", DOC.read_text(), re.S)
    assert block is not None, "the dry-run example is missing from docs/advisories.md"
    # When the documented command runs
    done = subprocess.run(
        [sys.executable, "-m", "agentfleet.cli", *block.group(1).split()[1:]],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"AGENTFLEET_FLEET_FILE": str(fleet), "AGENTFLEET_DATA_DIR": str(tmp_path / "d"), "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    # Then it prints exactly what the docs show
    assert done.returncode == 0, done.stderr
    assert done.stdout == block.group(2)
