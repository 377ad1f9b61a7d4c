"""The stage table and the work-kind table are complete: nothing routes silently, no kind is missing a row."""

from __future__ import annotations

import subprocess
import sys

import pytest

from agentfleet.contracts import FindingKind, Job, WorkKind
from agentfleet.flow.fixers import FIXERS
from agentfleet.flow.gate.checks import BUILT_IN, GATE_CHECKS
from agentfleet.flow.kinds import KINDS, Kind
from agentfleet.flow.monitors import MONITORS
from agentfleet.tasks.celery_app import TASK_ROUTES, app
from agentfleet.tasks.stages import TASKS
from agentfleet.tasks.table import STAGES

_IMPORT_FIELDS = ("build", "gate", "low_risk", "title", "section")


def test_every_registered_task_has_a_route_and_time_limits() -> None:
    app.loader.import_default_modules()
    ours = sorted(name for name in app.tasks if name.startswith("agentfleet."))
    assert ours, "no agentfleet task registered"
    unrouted = [name for name in ours if name not in TASK_ROUTES]
    assert not unrouted, f"tasks with no route (they would land on the default queue with no limit): {unrouted}"
    annotations = app.conf.task_annotations
    for name in ours:
        limits = annotations[name]
        assert 0 < limits["soft_time_limit"] < limits["time_limit"], name


def test_every_stage_has_its_task_and_produces_job_fields() -> None:
    assert [s.name for s in STAGES] == list(TASKS)
    for stage in STAGES:
        assert TASKS[stage.name].name == stage.task
        assert set(stage.produces) <= set(Job.model_fields), stage.name


@pytest.mark.parametrize("kind", list(WorkKind))
def test_every_work_kind_has_a_complete_row(kind: WorkKind) -> None:
    row = KINDS[kind]
    assert row.kind is kind
    order = [s.name for s in STAGES]
    assert [s for s in row.stages if s in order] == list(row.stages), f"unknown stage in {row.stages}"
    assert sorted(row.stages, key=order.index) == list(row.stages), "stages out of flow order"
    assert row.stages[-1] == "deliver"
    assert set(row.fixers) <= set(FIXERS), row.fixers
    assert set(row.monitors) <= set(MONITORS), row.monitors
    assert set(row.checks) <= {*GATE_CHECKS, *BUILT_IN}, row.checks
    for field in _IMPORT_FIELDS:
        assert getattr(row, field) is None or callable(row.part(field)), field


def test_every_finding_kind_starts_exactly_one_kind_of_work() -> None:
    answering = [row.finding for row in KINDS.values()]
    assert sorted(answering) == sorted(FindingKind)


def test_every_registered_monitor_feeds_some_work() -> None:
    fed = {name for row in KINDS.values() for name in row.monitors}
    assert set(MONITORS) <= fed, set(MONITORS) - fed


def test_a_kind_row_resolves_its_parts_lazily() -> None:
    row = Kind(
        kind=WorkKind.REFACTOR,
        finding=FindingKind.QUALITY,
        build="no.such.module.build",
        monitors=(),
        stages=("fix", "gate", "deliver"),
        fixers=(),
    )
    with pytest.raises(Exception, match="no.such"):
        row.part("build")


def _loaded_after(statement: str) -> list[str]:
    code = f"import sys; {statement}; print('\\n'.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_reading_the_fleet_file_does_not_load_celery() -> None:
    loaded = _loaded_after("import agentfleet.core.fleet")
    assert not [m for m in loaded if m == "celery" or m.startswith("celery.")]


def test_git_helpers_are_a_leaf() -> None:
    ours = [m for m in _loaded_after("import agentfleet.core.git") if m.startswith("agentfleet")]
    assert len(ours) <= 8, ours
    assert "agentfleet.core.settings" not in ours
