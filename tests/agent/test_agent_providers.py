"""The agent through the real ``openai`` and ``anthropic`` clients, against local stand-ins of both APIs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from agent.agent_kit import REPO, Sample, patch_passes, run_agent
from provider_standins import Failure, ProviderStandIn, model_config, tool_results

from agentfleet.contracts import Patch, utcnow
from agentfleet.core.errors import PermanentError, TransientError
from agentfleet.flow.fixers.agent.trajectory import TrajectoryRow, load, recent
from agentfleet.store import ledger

pytestmark = pytest.mark.bwrap

PROVIDERS = ["openai", "anthropic"]


@pytest.mark.parametrize("api", PROVIDERS)
def test_agent_fixes_a_real_crash_through_the_provider_api(
    api: str, make_sample: Callable[..., Sample], tmp_path: Path
) -> None:
    # Given a real crash recorded from sentry-sdk, and a stand-in of the provider replaying a fix
    standin = ProviderStandIn(api, [])
    sample = make_sample(model=model_config(standin))
    standin.turns = sample.fix_script()
    # When the agent fixer runs in a real sandbox
    with standin:
        result = run_agent(sample)
    # Then it returns a patch that makes the repository's tests pass
    assert isinstance(result, Patch), result
    assert result.files == ("calc/stats.py",)
    assert patch_passes(sample.path, result.diff, tmp_path).returncode == 0
    # And the model was shown the real trace, the file and a green test run through the API
    trace, source, edit, tests = tool_results(api, standin.requests[-1])
    assert 'File "calc/stats.py", line 2, in average' in trace
    assert "ZeroDivisionError" in trace
    assert "2\t    return sum(values) / len(values)" in source
    assert "if not values:" in edit
    assert "exit code 0" in tests
    assert "2 passed" in tests
    # And every step is recorded, with its cost, where the daily budget sums it
    row = load(sample.ctx.store, result.trajectory_id or "")
    assert row is not None
    assert row.status == "submitted"
    assert len(row.outputs) == 5
    spent = ledger.spend_since(sample.ctx.store, REPO, utcnow() - timedelta(hours=1))
    assert spent == pytest.approx(5 * (1000 * 3 + 100 * 15) / 1e6)
    assert len(ledger.recent(sample.ctx.store, stage="agent", limit=100)) == 5


@pytest.mark.parametrize("api", PROVIDERS)
def test_rate_limits_and_server_errors_are_retried(api: str, make_sample: Callable[..., Sample]) -> None:
    # Given a provider that answers 429, then 500, then behaves
    standin = ProviderStandIn(api, [])
    sample = make_sample(model=model_config(standin))
    standin.turns = [Failure(429, "slow down"), Failure(500, "oops"), *sample.fix_script()]
    # When the agent runs
    with standin:
        result = run_agent(sample)
    # Then the client retried both and the run completed
    assert isinstance(result, Patch)
    assert len(standin.requests) == 2 + 5


@pytest.mark.parametrize("api", PROVIDERS)
def test_a_provider_that_stays_down_is_a_transient_error(api: str, make_sample: Callable[..., Sample]) -> None:
    standin = ProviderStandIn(api, [Failure(503, "overloaded")] * 3)
    sample = make_sample(model=model_config(standin))
    with standin, pytest.raises(TransientError, match="HTTP 503"):
        run_agent(sample)
    # the configured 2 retries were made, then the task's own retry takes over; the run is on record
    assert len(standin.requests) == 3
    (row,) = _trajectories(sample)
    assert row.status == "error"
    assert "TransientError" in row.result


@pytest.mark.parametrize("api", PROVIDERS)
def test_an_auth_failure_aborts_without_retrying(api: str, make_sample: Callable[..., Sample]) -> None:
    standin = ProviderStandIn(api, [])
    sample = make_sample(model=model_config(standin, key="sk-wrong-key"))
    with standin, pytest.raises(PermanentError, match="AGENTFLEET_MODEL__API_KEY"):
        run_agent(sample)
    assert standin.refused == 1
    assert standin.requests == []
    (row,) = _trajectories(sample)
    assert row.status == "error"
    assert "HTTP 401" in row.result


def _trajectories(sample: Sample) -> list[TrajectoryRow]:
    return recent(sample.ctx.store, repo=REPO)
