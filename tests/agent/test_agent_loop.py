"""The agent loop with ``ScriptedModel`` in a real sandbox: budgets, malformed calls, submission checks, records."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from agent.agent_kit import FILES, NEW, OLD, REPO, Sample, call, reply, run_agent
from support import commit

from agentfleet.contracts import Budget, ExpandTests, Job, NoFix, Patch
from agentfleet.core.errors import PermanentError
from agentfleet.flow.fixers.agent.models import Message
from agentfleet.flow.fixers.agent.models.scripted import ScriptedModel
from agentfleet.flow.fixers.agent.trajectory import recent
from agentfleet.flow.fixers.config import ModelConfig, ModelPrice
from agentfleet.store import ledger

pytestmark = pytest.mark.bwrap

READ = reply(call(1, "repo__read_file", path="calc/stats.py"))


def with_budget(sample: Sample, **limits: Any) -> Job:
    """The sample job with a tighter budget."""
    item = sample.job.item.model_copy(update={"budget": Budget(**limits)})
    return sample.job.model_copy(update={"item": item})


def results(model: ScriptedModel) -> list[Message]:
    """The tool results of the last conversation the model saw."""
    messages, _ = model.seen[-1]
    return [m for m in messages if m.role == "tool"]


LIMITS = [
    pytest.param({"max_steps": 2}, [READ] * 3, "step budget used: 2/2", id="steps"),
    pytest.param({"max_tokens": 1500}, [READ] * 3, "token budget used: 2200/1500", id="tokens"),
    pytest.param({"max_cost_usd": 0.005}, [READ] * 3, "cost budget used", id="cost"),
]  # fmt: skip


@pytest.mark.parametrize(("limits", "script", "why"), LIMITS)
def test_a_spent_budget_ends_the_run_with_an_honest_no_fix(
    make_sample: Callable[..., Sample], limits: dict[str, Any], script: list[dict[str, Any]], why: str
) -> None:
    # Given a model priced at $3/$15 per million tokens and a job with one tight limit
    price = ModelPrice(input_per_mtok=3, output_per_mtok=15)
    sample = make_sample(model=ModelConfig(prices={"scripted": price}))
    model = ScriptedModel(script)
    # When the agent runs until a limit stops it
    result = run_agent(sample, model, with_budget(sample, **limits))
    # Then it is a no-fix naming the limit and what the run did, and no further model call was made
    assert isinstance(result, NoFix)
    assert why in result.reason
    assert "Tools called" in result.learned
    assert len(model.seen) < len(script)
    (row,) = recent(sample.ctx.store, repo=REPO)
    assert row.status == "budget"
    assert row.id == result.trajectory_id


def test_a_command_never_outlives_the_time_budget(make_sample: Callable[..., Sample]) -> None:
    # Given a 2-second budget and a model that starts a 30-second command
    sample = make_sample()
    model = ScriptedModel([reply(call(1, "sandbox__run_command", command="sleep 30", timeout_s=120)), READ])
    # When the agent runs
    result = run_agent(sample, model, with_budget(sample, max_seconds=2))
    # Then the command was killed when the budget ran out, and the run ended there
    assert isinstance(result, NoFix)
    assert "time budget used" in result.reason
    (row,) = recent(sample.ctx.store, repo=REPO)
    (killed,) = [m["content"] for m in row.messages if m["role"] == "tool"]
    assert "(killed: timeout)" in killed
    assert len(model.seen) == 1


def test_the_daily_spend_budget_stops_the_agent_before_any_model_call(make_sample: Callable[..., Sample]) -> None:
    sample = make_sample()
    ledger.append(sample.ctx.store, stage="agent", outcome="step", repo=REPO, cost_usd=10.0)
    model = ScriptedModel(sample.fix_script())
    result = run_agent(sample, model)
    assert isinstance(result, NoFix)
    assert "daily agent spend budget reached: $10.00 of $10.00" in result.reason
    assert model.seen == []


def test_malformed_tool_calls_are_answered_and_the_run_goes_on(make_sample: Callable[..., Sample]) -> None:
    # Given a model that first makes every kind of malformed call, then fixes the bug
    sample = make_sample()
    bad = [
        reply(text="I think the bug is in stats.py."),
        reply({"id": "call_b1", "name": "repo__read_file", "arguments": '{"path": "calc/stats.py"'}),
        reply({"id": "call_b2", "name": "repo__read_file", "arguments": '["calc/stats.py"]'}),
        reply(call(9, "shell", command="rm -rf /")),
        reply(call(10, "sandbox__str_replace", path="calc/stats.py")),
    ]
    model = ScriptedModel([*bad, *sample.fix_script()])
    # When it runs
    result = run_agent(sample, model)
    # Then each malformed call got an error result telling what was wrong, and the fix still landed
    assert isinstance(result, Patch)
    messages, _ = model.seen[-1]
    assert "Your reply called no tool" in messages[3].content
    answers = [m for m in results(model)][:4]
    assert all(m.is_error for m in answers)
    assert "not valid JSON" in answers[0].content
    assert "must be a JSON object" in answers[1].content
    assert "unknown tool 'shell'" in answers[2].content
    assert "old_str" in answers[3].content
    assert "new_str" in answers[3].content


def test_submit_is_refused_until_there_is_a_change_and_the_tests_pass(make_sample: Callable[..., Sample]) -> None:
    sample = make_sample()
    wrong = "    if not values:\n        return None\n    return sum(values) / len(values)"
    model = ScriptedModel(
        [
            reply(call(1, "submit", rationale="nothing to do")),
            reply(call(2, "sandbox__str_replace", path="calc/stats.py", old_str=OLD, new_str=wrong)),
            reply(call(3, "submit", rationale="guarded")),
            reply(call(4, "sandbox__str_replace", path="calc/stats.py", old_str="return None", new_str="return 0.0")),
            reply(call(5, "submit", rationale="empty input averages to 0.0")),
        ]
    )
    result = run_agent(sample, model)
    assert isinstance(result, Patch)
    assert "+        return 0.0" in result.diff
    refusals = [m.content for m in results(model) if m.is_error]
    assert "no changes in the sandbox" in refusals[0]
    assert "the tests fail with your change" in refusals[1]
    assert "1 failed, 1 passed" in refusals[1]


def test_giving_up_returns_the_reason_and_what_was_learned(make_sample: Callable[..., Sample]) -> None:
    sample = make_sample()
    learned = "The crash comes from empty sensor batches; the API contract for them is undecided."
    model = ScriptedModel([READ, reply(call(2, "give_up", reason="needs a product decision", learned=learned))])
    result = run_agent(sample, model)
    assert isinstance(result, NoFix)
    assert result.reason == "needs a product decision"
    assert result.learned.startswith(learned)
    assert result.attempts == 2


def test_a_crash_mid_run_still_leaves_every_step_on_record(make_sample: Callable[..., Sample]) -> None:
    # Given a model that stops answering after two steps (its script runs out)
    sample = make_sample()
    model = ScriptedModel(sample.fix_script()[:3])
    # When the run crashes on the fourth call
    with pytest.raises(PermanentError, match="ran out of outputs"):
        run_agent(sample, model)
    # Then the trajectory holds the three steps and the error, and the ledger has a row per step
    (row,) = recent(sample.ctx.store, repo=REPO)
    assert row.status == "error"
    assert len(row.outputs) == 3
    assert [m["role"] for m in row.messages].count("tool") == 3
    outcomes = [r.outcome for r in ledger.recent(sample.ctx.store, stage="agent", limit=50)]
    assert outcomes == ["error", "step", "step", "step"]


def test_the_edit_was_made_in_the_sandbox_only(make_sample: Callable[..., Sample]) -> None:
    sample = make_sample()
    result = run_agent(sample, ScriptedModel(sample.fix_script()))
    assert isinstance(result, Patch)
    assert NEW.splitlines()[0] in result.diff
    assert (sample.path / "calc" / "stats.py").read_text().count("if not values") == 0


def test_other_work_kinds_run_the_same_loop_with_their_own_goal(make_sample: Callable[..., Sample]) -> None:
    # Given coverage work on the sample repo once its bug is fixed (calc/app.py has no test)
    sample = make_sample()
    fixed = commit(sample.path, {"calc/stats.py": FILES["calc/stats.py"].replace(OLD, NEW)}, "fix average")
    item = ExpandTests(repo=REPO, base_commit=fixed, fingerprint="cov:app", path="calc/app.py",
                       lines=(5,), title="calc/app.py: report() is never executed")  # fmt: skip
    test = "from calc.app import report\n\n\ndef test_report():\n    assert report([2, 4]) == 'mean=3.0'\n"
    model = ScriptedModel(
        [
            reply(call(1, "sandbox__create", path="tests/test_app.py", content=test)),
            reply(call(2, "sandbox__run_tests", args="tests/test_app.py")),
            reply(call(3, "submit", rationale="cover report()")),
        ]
    )
    # When the agent runs it
    result = run_agent(sample, model, Job(item=item))
    # Then it was told the goal for that kind, and its patch adds the test
    messages, _ = model.seen[0]
    assert "Add tests that execute lines [5] of `calc/app.py`" in messages[1].content
    assert '<data source="expand_tests">' in messages[1].content
    assert "1 passed" in results(model)[1].content
    assert isinstance(result, Patch)
    assert result.files == ("tests/test_app.py",)
