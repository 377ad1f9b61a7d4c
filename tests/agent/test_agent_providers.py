"""The agent through the real ``openai`` and ``anthropic`` clients, against local stand-ins of both APIs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from agent.agent_kit import REPO, Sample, patch_passes
from provider_standins import KEY, Failure, ProviderStandIn

from agentfleet.contracts import Patch, utcnow
from agentfleet.errors import PermanentError, TransientError
from agentfleet.fixers.agent.fixer import AgentFixer
from agentfleet.fixers.agent.trajectory import load
from agentfleet.fixers.config import ModelConfig, ModelPrice
from agentfleet.sandboxes.factory import open_sandbox
from agentfleet.store import ledger

pytestmark = pytest.mark.bwrap

PROVIDERS = ["openai", "anthropic"]


def model_config(standin: ProviderStandIn, key: str = KEY) -> ModelConfig:
    """Settings pointing the provider's official client at the stand-in ($3 / $15 per million tokens)."""
    price = ModelPrice(input_per_mtok=3.0, output_per_mtok=15.0)
    return ModelConfig(
        provider=standin.api, name="standin-model", base_url=standin.base_url, api_key=key, max_retries=2,
        timeout_s=30, prices={"standin-model": price},
    )  # fmt: skip


def run_agent(sample: Sample) -> Any:
    """The agent fixer on the sample job, in a real sandbox."""
    item = sample.job.item
    with open_sandbox(sample.ctx, sample.ctx.repo(REPO), item.base_commit) as box:
        return AgentFixer(sample.ctx).run(sample.job, box)


def tool_results(api: str, body: dict[str, Any]) -> list[str]:
    """The tool results the model was sent in one request, in order."""
    if api == "openai":
        return [m["content"] for m in body["messages"] if m["role"] == "tool"]
    blocks = [b for m in body["messages"] if m["role"] == "user" for b in m["content"] if isinstance(b, dict)]
    return [b["content"] for b in blocks if b["type"] == "tool_result"]


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
    assert 'File "calc/stats.py", line 2, in average' in trace and "ZeroDivisionError" in trace
    assert "2\t    return sum(values) / len(values)" in source
    assert "if not values:" in edit
    assert "exit code 0" in tests and "2 passed" in tests
    # And every step is recorded, with its cost, where the daily budget sums it
    row = load(sample.ctx.store, result.trajectory_id or "")
    assert row is not None and row.status == "submitted" and len(row.outputs) == 5
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
    assert row.status == "error" and "TransientError" in row.result


@pytest.mark.parametrize("api", PROVIDERS)
def test_an_auth_failure_aborts_without_retrying(api: str, make_sample: Callable[..., Sample]) -> None:
    standin = ProviderStandIn(api, [])
    sample = make_sample(model=model_config(standin, key="sk-wrong-key"))
    with standin, pytest.raises(PermanentError, match="AGENTFLEET_MODEL__API_KEY"):
        run_agent(sample)
    assert standin.refused == 1 and standin.requests == []
    (row,) = _trajectories(sample)
    assert row.status == "error" and "HTTP 401" in row.result


def _trajectories(sample: Sample) -> list[Any]:
    from agentfleet.fixers.agent.trajectory import recent

    return recent(sample.ctx.store, repo=REPO)
