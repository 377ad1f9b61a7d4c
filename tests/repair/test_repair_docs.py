"""The plain-API example in docs/repair.md runs as written and prints what the docs show."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest
from corpus_kit import bugs
from support import make_repo

from agentfleet.core.context import Context

DOC = Path(__file__).parents[2] / "docs" / "repair.md"

pytestmark = [pytest.mark.bwrap, pytest.mark.slow]


def test_the_documented_example_prints_the_documented_diff(
    repair_ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = DOC.read_text()
    code = re.search(r"```python\n(.*?)```", text, re.S)
    shown = re.search(r"```diff\n(.*?)```", text, re.S)
    assert code is not None, "docs/repair.md lost its python example"
    assert shown is not None, "docs/repair.md lost the example's output"
    # Given the fleet the example names: the temperature bug of the corpus as repo "units"
    make_repo(tmp_path / "units", bugs(["04_temperature"])[0].repo_files())
    (tmp_path / "fleet.toml").write_text('[[repos]]\nname = "units"\nlocation = "units"\n')
    monkeypatch.setenv("AGENTFLEET_FLEET_FILE", str(tmp_path / "fleet.toml"))
    monkeypatch.setenv("AGENTFLEET_DATA_DIR", str(repair_ctx.settings.data_dir))
    monkeypatch.setenv("AGENTFLEET_SANDBOX__BACKEND", "bwrap")
    # When the example runs
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code.group(1), str(DOC), "exec"), {})
    # Then it prints exactly the documented diff (and print's own newline)
    assert out.getvalue() == shown.group(1) + "\n"
