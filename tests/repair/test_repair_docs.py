"""docs/repair.md tells the truth: its plain-API example prints what it shows, its pins are the sandboxes'."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest
from corpus_kit import bugs
from sandboxes.kit import BACKENDS
from support import make_repo

from agentfleet.core.context import Context
from agentfleet.sandboxes.config import TEST_TOOLS, SandboxConfig

DOC = Path(__file__).parents[2] / "docs" / "repair.md"


@pytest.mark.bwrap
@pytest.mark.slow
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


ROOT = Path(__file__).parents[2]


def test_the_sandbox_test_tools_are_pinned_alike_in_both_backends_and_the_docs() -> None:
    dockerfile = (ROOT / "workers" / "Dockerfile").read_text()
    packages = re.search(r'^ARG PACKAGES="([^"]*)"$', dockerfile, re.M)
    assert packages is not None, "workers/Dockerfile lost its PACKAGES argument"
    assert SandboxConfig().base_packages == list(TEST_TOOLS) == packages.group(1).split()
    assert all(re.fullmatch(r"[a-z]+==[0-9][0-9.]*", tool) for tool in TEST_TOOLS)
    assert all(f"`{tool}`" in DOC.read_text() for tool in TEST_TOOLS)


@pytest.mark.parametrize("repair_ctx", BACKENDS, indirect=True)
def test_a_sandbox_runs_the_pinned_test_tools(repo_of, boxes_for) -> None:
    repo, sha = repo_of({"README.md": "tools\n"}, name="tools")
    with boxes_for(repo, sha) as (box,):
        result = box.run(["python", "-c", "import pytest, coverage; print(pytest.__version__, coverage.__version__)"])
    assert result.ok, result.stderr
    assert result.stdout.split() == [tool.split("==")[1] for tool in TEST_TOOLS]
