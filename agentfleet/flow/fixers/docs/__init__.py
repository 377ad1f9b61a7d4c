"""The ``docs`` fixer: brings docs in line with a changed public API, offline, with exact text edits.

It re-runs the docs checks at the work's base commit (host side, static) and applies their edits: renamed
parameters and symbols in docstrings, prose and examples; removed entries; new entries with their type,
default and a marked placeholder sentence; corrected defaults; a changelog line. What it cannot decide is
flagged for review, never guessed. When a model is configured it writes its edits into the sandbox and
hands the placeholders to the agent, which works under the same gate.

- ``plan.py``: the edits; ``changelog.py``: the changelog entry; ``report.py``: title, rationale, PR section.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from agentfleet.contracts import Job, NoFix, Patch, SyncDocs
from agentfleet.core.context import Context
from agentfleet.flow.fixers.docs.plan import Plan, plan_edits
from agentfleet.flow.fixers.docs.report import rationale
from agentfleet.sandboxes.factory import repo_mirror

if TYPE_CHECKING:
    from agentfleet.sandboxes import Sandbox

__all__ = ["DocsFixer"]

log = logging.getLogger(__name__)

AUTHOR = "docs"


class DocsFixer:
    """Offline docs edits; the agent (when configured) writes what the edits leave as placeholders."""

    name = AUTHOR

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.needs_sandbox = ctx.settings.model.provider != "none"
        """A sandbox only to hand placeholders to the agent; the edits themselves are computed on the host."""

    def run(self, job: Job, box: Sandbox | None) -> Patch | NoFix:
        """A patch of doc edits against the base commit, or why there is none."""
        item = job.item
        if not isinstance(item, SyncDocs):
            return NoFix(author=self.name, reason=f"the docs fixer does not handle {item.kind} work")
        repo = self.ctx.repo(item.repo)
        mirror = repo_mirror(self.ctx, repo)
        plan = plan_edits(mirror.path, mirror.resolve(item.base_commit), item, repo.docs)
        log.info(
            "docs fixer key=%s files=%d done=%d flagged=%d", job.key, len(plan.after), len(plan.done), len(plan.flagged)
        )
        if not plan.after:
            why = f"{len(plan.flagged)} item(s) need a human" if plan.flagged else "the docs already match the code"
            return NoFix(
                author=self.name,
                reason=f"nothing the offline docs fixer can change: {why}",
                learned=rationale(plan.done, plan.flagged, 0),
            )
        if box is not None and plan.placeholders:
            return self._with_agent(job, box, plan)
        return self._patch(item, plan.diff, plan)

    def _patch(self, item: SyncDocs, diff: str, plan: Plan, note: str = "") -> Patch:
        return Patch(
            base_commit=item.base_commit,
            diff=diff,
            files=tuple(sorted(plan.after)),
            author=self.name,
            rationale=rationale(plan.done, plan.flagged, plan.placeholders) + note,
        )

    def _with_agent(self, job: Job, box: Sandbox, plan: Plan) -> Patch | NoFix:
        """Write the edits into ``box`` and let the agent replace the placeholders; keep ours if it cannot."""
        from agentfleet.flow.fixers.agent.fixer import AgentFixer

        item = job.item
        assert isinstance(item, SyncDocs)
        box.apply(plan.diff)
        outcome = AgentFixer(self.ctx).run(job, box)
        if isinstance(outcome, Patch) and not outcome.is_empty:
            return outcome.model_copy(
                update={
                    "author": f"{self.name}+agent",
                    "rationale": rationale(plan.done, plan.flagged, 0) + "\n\n" + outcome.rationale,
                }
            )
        note = (
            f"\n\nThe agent did not write the descriptions: {outcome.reason if isinstance(outcome, NoFix) else 'empty'}"
        )
        return self._patch(item, plan.diff, plan, note)
