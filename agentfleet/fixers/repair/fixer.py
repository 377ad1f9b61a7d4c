"""``RepairFixer``: the ``repair`` fixer — the engine applied to ``fix_error`` work inside its sandbox."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from agentfleet.context import Context
from agentfleet.contracts import FixError, InvestigationReport, Job, NoFix, Patch
from agentfleet.fixers.repair.boxes import sandboxes
from agentfleet.fixers.repair.engine import RepairRequest, RepairResult, repair
from agentfleet.fixers.repair.report import learned, rationale

if TYPE_CHECKING:
    from agentfleet.sandboxes import Sandbox

__all__ = ["RepairFixer"]

log = logging.getLogger(__name__)


def _trace(report: InvestigationReport | None) -> list[tuple[str, int]]:
    """The production frames the investigation mapped onto repo files, innermost last."""
    if report is None:
        return []
    return [(loc.path, loc.lineno) for loc in report.locations if loc.path and loc.lineno]


class RepairFixer:
    """Search-based repair with no LLM: a patch only when the failing tests and the whole suite pass."""

    name = "repair"

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.config = ctx.settings.repair

    def run(self, job: Job, box: Sandbox) -> Patch | NoFix:
        """The best plausible patch for ``job``'s error, or a ``NoFix`` saying what was tried."""
        item = job.item
        if not isinstance(item, FixError):
            return NoFix(author=self.name, reason=f"the repair engine fixes errors, not {item.kind} work")
        repo = self.ctx.repo(item.repo)
        config = self.config.model_copy(update={"budget_s": min(self.config.budget_s, item.budget.max_seconds)})
        request = RepairRequest(test_command=repo.test, trace=_trace(job.report))
        with sandboxes(self.ctx, repo, item.base_commit, config.workers, first=box) as boxes:
            result = repair(boxes, request, config)
        return self._outcome(item, result)

    def _outcome(self, item: FixError, result: RepairResult) -> Patch | NoFix:
        best = result.best
        if best is None:
            return NoFix(author=self.name, reason=result.reason, learned=learned(result), attempts=result.search.tried)
        return Patch(
            base_commit=item.base_commit,
            diff=best.diff,
            files=(best.candidate.path,),
            author=self.name,
            rationale=rationale(result),
        )
