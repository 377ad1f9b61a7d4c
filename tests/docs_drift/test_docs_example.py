"""The dry-run example in docs/docs-drift.md is real output: run it and compare."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from docs_drift.kit import RENAME_ADD_REMOVE, Library

DOC = Path(__file__).parents[2] / "docs" / "docs-drift.md"


def _commit_free(text: str) -> str:
    return re.sub(r"changed in [0-9a-f]{10}", "changed in <commit>", text)


def test_the_documented_dry_run_matches_real_output(
    library: Callable[..., Library], tmp_path: Path, write_fleet: Callable[[str], Path]
) -> None:
    # Given the sample library one commit after the change the example describes
    lib = library()
    lib.change({"shelf/client.py": RENAME_ADD_REMOVE})
    fleet = write_fleet(f'[[repos]]\nname = "shelf"\nlocation = "{lib.path}"\n[repos.docs]\nhistory = 1\n')
    block = re.search(r"```\n\$ (agentfleet audit shelf docs --dry-run)\n(.*?)```", DOC.read_text(), re.S)
    assert block is not None, "the dry-run example is missing from docs/docs-drift.md"
    # When the documented command runs
    done = subprocess.run(
        [sys.executable, "-m", "agentfleet.cli", *block.group(1).split()[1:]],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={
            "AGENTFLEET_FLEET_FILE": str(fleet),
            "AGENTFLEET_DATA_DIR": str(tmp_path / "d"),
            "PATH": "/usr/bin:/bin",
            **{k: v for k, v in os.environ.items() if k == "PYTHONPATH"},  # a checkout run with PYTHONPATH=$PWD
        },
        timeout=120,
    )
    # Then it prints what the docs show (the commit id aside)
    assert done.returncode == 0, done.stderr
    assert _commit_free(done.stdout) == _commit_free(block.group(2))
