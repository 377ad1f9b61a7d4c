"""``RepairFixer``: the ``repair`` fixer — the engine applied to ``fix_error`` work inside its sandbox."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from agentfleet.analysis.tried import tried_before
from agentfleet.contracts import FixError, InvestigationReport, Job, NoFix, Patch
from agentfleet.core.context import Context
from agentfleet.core.diffs import new_file_diff
from agentfleet.flow.fixers.repair.boxes import sandboxes
from agentfleet.flow.fixers.repair.engine import CrashSite, RepairRequest, RepairResult, repair
from agentfleet.flow.fixers.repair.report import learned, rationale

if TYPE_CHECKING:
    from agentfleet.sandboxes import Sandbox

__all__ = ["RepairFixer"]

log = logging.getLogger(__name__)

_OUTSIDE = (
    "no frame of the error maps to a file in this repo, so there is nothing here to repair (code installed as a "
    "package: see 'Code installed as a package' in docs/errors.md)"
)


def _trace(report: InvestigationReport | None) -> list[tuple[str, int]]:
    """The production frames the investigation mapped onto repo files, innermost last."""
    if report is None:
        return []
    return [(loc.path, loc.lineno) for loc in report.locations if loc.path and loc.lineno]


def _crash_site(item: FixError, report: InvestigationReport | None) -> CrashSite | None:
    """The innermost in-app frame as a repo path: the investigation's mapping, else (not investigated) the
    frame's own filename."""
    if report is not None:
        site = report.crash_site
        found = site and site.path and CrashSite(site.path, site.function, item.error.exception_type, site.lineno)
        return found or None
    frames = [f for f in item.error.frames if f.in_app and not f.filename.startswith("/")]
    if not frames:
        return None
    return CrashSite(frames[-1].filename, frames[-1].function, item.error.exception_type, frames[-1].lineno)


def _outside_the_repo(item: FixError, report: InvestigationReport | None) -> bool:
    """The investigation found the error's frames but none maps to a repo file (and wrote no reproduction)."""
    if report is None or report.regression_test is not None:
        return False
    if report.locations:
        return not any(loc.path for loc in report.locations)
    return bool(item.error.frames) and not any(f.in_app for f in item.error.frames)


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
        if _outside_the_repo(item, job.report):
            return NoFix(author=self.name, reason=_OUTSIDE)
        repo = self.ctx.repo(item.repo)
        config = self.config.model_copy(update={"budget_s": min(self.config.budget_s, item.budget.max_seconds)})
        request = RepairRequest(test_command=repo.test, trace=_trace(job.report), crash=_crash_site(item, job.report))
        with sandboxes(self.ctx, repo, item.base_commit, config.workers, first=box) as boxes:
            result = repair(boxes, request, config)
        if item.tried:  # merged before and did not hold in production: never propose that change again
            kept = [p for p in result.patches if not tried_before(p.diff, [t.diff for t in item.tried])]
            if result.patches and not kept:
                result.reason = f"the {len(result.patches)} plausible patch(es) were merged before and did not hold"
            result.patches = kept
        return self._outcome(item, result)

    def _outcome(self, item: FixError, result: RepairResult) -> Patch | NoFix:
        best = result.best
        if best is None:
            return NoFix(author=self.name, reason=result.reason, learned=learned(result), attempts=result.search.tried)
        diff, files = best.diff, [best.candidate.path]
        if result.reproduction is not None:
            diff += new_file_diff(result.reproduction.path, result.reproduction.source)
            files.append(result.reproduction.path)
        return Patch(
            base_commit=item.base_commit, diff=diff, files=tuple(files), author=self.name, rationale=rationale(result)
        )
