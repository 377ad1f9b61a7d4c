"""Only a payload that does not fit the task's models is "refused"; the task body's own errors are its own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from support import make_repo

from agentfleet.contracts import Finding
from agentfleet.core.context import get_context
from agentfleet.core.errors import PermanentError
from agentfleet.core.fleet import RepoConfig
from agentfleet.store import ledger
from agentfleet.tasks.celery_app import app
from agentfleet.tasks.monitor import monitor_task
from agentfleet.tasks.stages import TASKS


class OverlongTitleMonitor:
    """A monitor with a bug: its finding's title is longer than the contract allows."""

    def __init__(self, ctx: object) -> None:
        pass

    def scan(self, repo: RepoConfig) -> list[Finding]:
        return [
            Finding.model_validate(
                {
                    "kind": "heartbeat",
                    "repo": repo.name,
                    "fingerprint": "f",
                    "title": "x" * 400,
                    "evidence": {"kind": "heartbeat", "tick": "t"},
                }
            )
        ]


@pytest.fixture
def fleet(tmp_path: Path, write_fleet: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch) -> None:
    make_repo(tmp_path / "svc", {"a.txt": "a\n"})
    write_fleet('[[repos]]\nname = "svc"\nlocation = "svc"\n')
    monkeypatch.setenv("AGENTFLEET_DATA_DIR", str(tmp_path / ".agentfleet"))
    monkeypatch.setenv("AGENTFLEET_FLEET_FILE", str(tmp_path / "fleet.toml"))
    app.finalize()  # binds the tasks, as a worker does at start


@pytest.mark.usefixtures("fleet")
def test_a_malformed_payload_is_refused_naming_its_fields() -> None:
    result = TASKS["fix"].apply(kwargs={"key": {"item": {"kind": "heartbeat"}}, "run": "first"})
    assert isinstance(result.result, PermanentError)
    assert str(result.result) == (
        "invalid payload for agentfleet.fix: key: Input should be a valid string; "
        "run: Input should be a valid integer, unable to parse string as an integer"
    )
    [refused] = ledger.recent(get_context().store, stage="payload")
    assert (refused.outcome, refused.outputs["error"]) == ("refused", str(result.result))


@pytest.mark.usefixtures("fleet")
def test_a_whole_job_as_the_payload_is_refused() -> None:
    """Stages pass the key and run; a message from before (the whole ``Job``) fails clearly, recorded."""
    job = {"item": {"kind": "heartbeat", "repo": "svc", "base_commit": "a" * 40, "fingerprint": "f"}}
    result = TASKS["gate"].apply(args=[job])
    assert str(result.result) == "invalid payload for agentfleet.gate: missing a required argument: 'run'"
    assert [r.outcome for r in ledger.recent(get_context().store, stage="payload")] == ["refused"]


@pytest.mark.usefixtures("fleet")
def test_a_validation_error_inside_the_task_is_not_called_a_bad_payload() -> None:
    result = monitor_task.apply(args=["svc", f"{__name__}.OverlongTitleMonitor"])
    assert "title" in str(result.result)
    assert not isinstance(result.result, PermanentError)
    assert ledger.recent(get_context().store, stage="payload") == []
