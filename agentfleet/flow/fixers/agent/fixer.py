"""``AgentFixer``: the LLM agent, whose only tools are the ``errors``, ``repo`` and ``sandbox`` MCP servers.

(Plus the external servers a repo allowlists in ``[repos.agent.mcp_servers]``.) It never gets
``forge``, the network or a secret: the sandbox is offline with an env allowlist, the model API key
stays in this process, and the tool list is fixed before the first untrusted byte is read.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING

from agentfleet.contracts import Job, NoFix, Patch, WorkItem, utcnow
from agentfleet.core.context import Context
from agentfleet.core.diffs import parse_diff
from agentfleet.core.fleet import RepoConfig
from agentfleet.core.markdown import fence
from agentfleet.flow.fixers.agent.budget import Spend
from agentfleet.flow.fixers.agent.loop import Agent, Outcome
from agentfleet.flow.fixers.agent.models import Model, build_model
from agentfleet.flow.fixers.agent.prompts import SYSTEM, task_prompt
from agentfleet.flow.fixers.agent.toolbox import Endpoint, endpoint_for, in_process, open_toolbox
from agentfleet.flow.fixers.agent.trajectory import Recorder
from agentfleet.mcp import errors as errors_server
from agentfleet.mcp import repo as repo_server
from agentfleet.mcp import sandbox as sandbox_server
from agentfleet.mcp.common import cap
from agentfleet.mcp.sandbox import describe_result
from agentfleet.store import ledger

if TYPE_CHECKING:
    from agentfleet.sandboxes import Sandbox

__all__ = ["AgentFixer"]

log = logging.getLogger(__name__)


class AgentFixer:
    """Runs the agent loop on a work item (an error to fix, tests, docs, a refactor) inside the sandbox it is given."""

    name = "agent"

    def __init__(self, ctx: Context, *, model: Model | None = None) -> None:
        self.ctx = ctx
        self.model = model
        """A model to use instead of the configured one (tests, dry runs, replays)."""

    def run(self, job: Job, box: Sandbox) -> Patch | NoFix:
        """A patch the tests pass with, or an honest ``NoFix`` saying what was learned."""
        item = job.item
        settings = self.ctx.settings.model
        if self.model is None and settings.provider == "none":
            return NoFix(author=self.name, reason="no model configured (set AGENTFLEET_MODEL__PROVIDER and __NAME)")
        model = self.model or build_model(settings)
        try:
            return self._run(job, item, box, model)
        finally:
            if self.model is None:
                model.close()

    def _run(self, job: Job, item: WorkItem, box: Sandbox, model: Model) -> Patch | NoFix:
        repo = self.ctx.repo(item.repo)
        spend, why_not = self._spend(item, repo, model.name)
        if why_not:
            return NoFix(author=self.name, reason=why_not)
        recorder = Recorder(self.ctx.store, job, model.name)
        log.info("agent start repo=%s key=%s model=%s trajectory=%s", item.repo, job.key, model.name, recorder.id)
        task = task_prompt(job, test_command=repo.test, instructions=repo.agent.instructions)
        try:
            with open_toolbox(self._endpoints(repo, box, item.base_commit, spend)) as toolbox:
                agent = Agent(
                    model, toolbox, spend, recorder,
                    accept=_acceptance(box, repo.test, spend),
                    max_output_tokens=self.ctx.settings.model.max_output_tokens,
                )  # fmt: skip
                outcome = agent.run(SYSTEM, task)
        except BaseException as exc:
            recorder.fail(f"{type(exc).__name__}: {exc}", spend.summary())
            raise
        log.info("agent done repo=%s key=%s status=%s %s", item.repo, job.key, outcome.status, spend.summary())
        return self._result(item, box, outcome, spend, agent, recorder.id)

    def _spend(self, item: WorkItem, repo: RepoConfig, model_name: str) -> tuple[Spend, str | None]:
        """The run's budget, capped by what is left of the repo's daily agent spend (or why nothing is)."""
        price = self.ctx.settings.model.model_copy(update={"name": model_name}).price()
        daily = repo.budgets.max_agent_spend_per_day
        spent = ledger.spend_since(self.ctx.store, repo.name, utcnow() - timedelta(days=1))
        spend = Spend(limits=item.budget, price=price, max_cost_usd=min(item.budget.max_cost_usd, daily - spent))
        if spent >= daily:
            return spend, f"daily agent spend budget reached: ${spent:.2f} of ${daily:.2f} in the last 24 h"
        return spend, None

    def _endpoints(self, repo: RepoConfig, box: Sandbox, commit: str, spend: Spend) -> dict[str, Endpoint]:
        """``errors``, ``repo`` and ``sandbox`` in-process, plus the repo's allowlisted external servers."""
        timeout = self.ctx.settings.sandbox.timeout_s
        built = {
            "errors": errors_server.build(errors_server.ErrorTools(self.ctx.store, repo.name)),
            "repo": repo_server.build(repo_server.RepoTools.at(self.ctx, repo, commit)),
            "sandbox": sandbox_server.build(
                sandbox_server.SandboxTools(box, repo.test, timeout_s=timeout, time_left=spend.seconds_left)
            ),
        }
        endpoints = {name: in_process(server) for name, server in built.items()}
        return endpoints | {name: endpoint_for(cfg) for name, cfg in repo.agent.mcp_servers.items()}

    def _result(
        self, item: WorkItem, box: Sandbox, outcome: Outcome, spend: Spend, agent: Agent, trajectory: str
    ) -> Patch | NoFix:
        figures = ", ".join(f"{k}={v}" for k, v in spend.summary().items())
        if outcome.status == "submitted":
            diff = box.diff()
            files = tuple(f.path for f in parse_diff(diff))
            rationale = f"{outcome.text}\n\n---\nagent run: {figures} (trajectory `{trajectory}`)"
            return Patch(
                base_commit=item.base_commit, diff=diff, files=files, author=self.name, rationale=rationale,
                trajectory_id=trajectory,
            )  # fmt: skip
        learned = outcome.learned or _learned(agent, box)
        return NoFix(
            author=self.name, reason=outcome.text, learned=f"{learned}\n\n---\nagent run: {figures}",
            attempts=spend.steps, trajectory_id=trajectory,
        )  # fmt: skip


def _acceptance(box: Sandbox, test_command: str, spend: Spend) -> Callable[[str], str | None]:
    """The check a ``submit`` must pass: a rationale, a change, and a green test run."""

    def accept(rationale: str) -> str | None:
        if not rationale.strip():
            return "the rationale is empty; explain the root cause, the change and what you ran"
        if not box.diff().strip():
            return "there are no changes in the sandbox; make the fix first, or call give_up"
        result = box.run(test_command, timeout=max(30.0, spend.seconds_left()))
        return None if result.ok else "the tests fail with your change:\n" + describe_result(result)

    return accept


def _learned(agent: Agent, box: Sandbox) -> str:
    """For a run that ran out of budget: the model's last notes and the work-in-progress diff."""
    notes = [m.content for m in agent.messages if m.role == "assistant" and m.content.strip()][-3:]
    calls = [c.name for m in agent.messages for c in m.tool_calls]
    diff = box.diff()
    parts = ["The agent's last notes:", *(f"> {cap(n, 1500)}" for n in notes)] if notes else []
    parts.append(f"Tools called ({len(calls)}): {', '.join(calls[-30:]) or 'none'}")
    parts.append(
        f"Work-in-progress diff (not verified):\n{fence(cap(diff, 6000), 'diff')}"
        if diff.strip()
        else "No changes made."
    )
    return "\n\n".join(parts)
