"""``agentfleet trajectory``: every run viewable, exportable as a model script, and replayable offline."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from agent.agent_kit import Sample, cli_env, run_agent
from support import agentfleet_cmd

from agentfleet.contracts import Patch
from agentfleet.flow.fixers.agent.models.scripted import ScriptedModel
from agentfleet.flow.fixers.config import ModelConfig

pytestmark = [pytest.mark.bwrap, pytest.mark.slow]


def agentfleet(sample: Sample, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the real CLI on the sample's settings."""
    return subprocess.run(agentfleet_cmd(*args), env=cli_env(sample), capture_output=True, text=True, timeout=120)


def test_a_run_can_be_listed_shown_exported_and_replayed(make_sample: Callable[..., Sample], tmp_path: Path) -> None:
    # Given an agent run that fixed the sample bug
    sample = make_sample()
    first = run_agent(sample, ScriptedModel(sample.fix_script()))
    assert isinstance(first, Patch)
    run_id = first.trajectory_id or ""
    # When an operator lists and shows it
    listed = agentfleet(sample, "trajectory")
    shown = agentfleet(sample, "trajectory", run_id[:8])
    # Then every step is there: the calls, their results and the outcome
    assert run_id in listed.stdout
    assert "submitted" in listed.stdout
    assert shown.returncode == 0, shown.stderr
    assert "-> sandbox__str_replace(" in shown.stdout
    assert "[result] $ python -m pytest -q" in shown.stdout
    assert "result: `average([])` divided by zero" in shown.stdout
    # And its JSON export is a model script that replays the run offline through the configured provider
    exported = agentfleet(sample, "trajectory", run_id, "--json")
    record = json.loads(exported.stdout)
    assert len(record["outputs"]) == 5
    script = tmp_path / "script.json"
    script.write_text(exported.stdout)
    dry_run = sample.ctx.settings.model_copy(update={"model": ModelConfig(provider="scripted", script=str(script))})
    sample.ctx.settings = dry_run
    again = run_agent(sample)
    assert isinstance(again, Patch)
    assert again.diff == first.diff
    # And --replay re-runs it in a fresh sandbox and checks it ends the same way
    replayed = agentfleet(sample, "trajectory", run_id, "--replay")
    assert replayed.returncode == 0, replayed.stdout + replayed.stderr[-3000:]
    assert "recorded status: submitted; replayed status: submitted" in replayed.stdout


def test_an_unknown_trajectory_is_a_clear_error(make_sample: Callable[..., Sample]) -> None:
    done = agentfleet(make_sample(), "trajectory", "feedface")
    assert done.returncode == 1
    assert "no trajectory 'feedface'" in done.stderr
