"""``RefactorFixer``: the offline ``refactor`` fixer — behaviour-preserving rewrites of one flagged function.

Steps, each kept only when the file still compiles and the rule's metric does not get worse:

1. ruff's safe fixes for the fleet file's rules, inside the function only (``ruff_fixes``);
2. libcst codemods: bool returns, merged ``if`` s, ``else`` after an exit, guard clauses, comprehensions
   (``codemods``);
3. for ``duplication``: every copy of the block in the same module extracted into one helper (``extract``);
4. while the rule is still crossed (and ``[repos.quality] extract`` allows): the heaviest self-contained block
   moved into a private helper (``extract_steps``).

The patch is proposed only when the metric that triggered the work improved and the repo's suite still passes
in the fixer's sandbox; otherwise a ``NoFix`` says what each step tried. The gate proves the rest.
"""

from __future__ import annotations

import ast
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from agentfleet.analysis.functions import find_function
from agentfleet.contracts import Job, NoFix, Patch, Refactor
from agentfleet.core.context import Context
from agentfleet.core.diffs import unified_diff
from agentfleet.core.errors import PermanentError
from agentfleet.flow.fixers.refactor.codemods import rewrite_function
from agentfleet.flow.fixers.refactor.extract import extract
from agentfleet.flow.fixers.refactor.extract_steps import extract_blocks
from agentfleet.flow.fixers.refactor.report import rationale
from agentfleet.flow.fixers.refactor.ruff_fixes import safe_fixes, without_safe_fix
from agentfleet.flow.monitors.quality.config import QualityConfig
from agentfleet.flow.monitors.quality.metric import better, metric_of
from agentfleet.flow.monitors.quality.shape import skip_reason

if TYPE_CHECKING:
    from agentfleet.sandboxes import Sandbox

__all__ = ["Attempt", "RefactorFixer", "refactor_text"]

log = logging.getLogger(__name__)


@dataclass
class Attempt:
    """What the steps did to one file: the text, the metric before and after, one line per step."""

    before: str
    text: str
    metric_before: float | None
    metric_after: float | None = None
    steps: list[str] = field(default_factory=list)
    """What changed (``ruff: RET505 ×3``, ``codemods: merge_ifs ×1``, ``extract: _parse_part``)."""
    tried: list[str] = field(default_factory=list)
    """What each step tried and why it changed nothing."""
    left: list[str] = field(default_factory=list)
    """What no step can change, named in the ``NoFix`` reason (``RET504 has no safe fix``)."""

    @property
    def ruff_only(self) -> bool:
        """Every change came from ruff's safe fixes."""
        return bool(self.steps) and all(s.startswith("ruff") for s in self.steps)


def _keep(item: Refactor, attempt: Attempt, text: str, conf: QualityConfig) -> bool:
    """Take ``text`` when it changed something and the metric got no worse."""
    if text == attempt.text:
        return False
    now = metric_of(item.rule, attempt.text, item.path, item.function, conf)
    after = metric_of(item.rule, text, item.path, item.function, conf)
    if after is None or (now is not None and better(item.rule, after, now)):
        return False
    attempt.text = text
    return True


def _ruff(item: Refactor, attempt: Attempt, conf: QualityConfig) -> None:
    try:
        text, codes = safe_fixes(attempt.text, item.path, item.function, conf.rules, conf.target_version)
    except (PermanentError, SyntaxError) as exc:
        attempt.tried.append(f"ruff safe fixes ({', '.join(conf.rules)}): {exc}")
        return
    if codes and _keep(item, attempt, text, conf):
        attempt.steps.append("ruff: " + ", ".join(f"{c} ×{codes.count(c)}" for c in sorted(set(codes))))
    else:
        attempt.tried.append(f"ruff safe fixes ({', '.join(conf.rules) or 'no rules'}): nothing to fix in the function")
    left = without_safe_fix(attempt.text, item.path, item.function, conf.rules, conf.target_version)
    if left and item.rule == "ruff":
        attempt.left.append(f"ruff {', '.join(left)}: no safe fix (ruff offers none, or only an unsafe one)")


def _codemods(item: Refactor, attempt: Attempt, conf: QualityConfig) -> None:
    try:
        text, applied = rewrite_function(attempt.text, item.function)
    except (ValueError, SyntaxError) as exc:
        attempt.tried.append(f"codemods: {exc}")
        return
    if applied and _keep(item, attempt, text, conf):
        attempt.steps.append("codemods: " + ", ".join(f"{k} ×{n}" for k, n in sorted(applied.items())))
    else:
        attempt.tried.append(
            "codemods (bool returns, merged ifs, else after exit, guard clauses, comprehensions): "
            "no pattern in the function, or no gain"
        )


def _clones(item: Refactor, attempt: Attempt, conf: QualityConfig) -> None:
    here = [(p.function, p.start, p.end) for p in item.clones if p.path == item.path]
    others = sorted({p.path for p in item.clones if p.path != item.path})
    if len(here) < 2:
        attempt.left.append(f"the copies are in other modules ({', '.join(others)}): for the agent")
        attempt.tried.append(f"clone extraction: {attempt.left[-1]}")
        return
    short = item.function.rsplit(".", 1)[-1].strip("_")
    result = extract(attempt.text, here, f"_{short}_shared")
    if result.problem is not None:
        attempt.tried.append(f"clone extraction: {result.problem}")
    elif _keep(item, attempt, result.text, conf):
        note = f" (copies in {', '.join(others)} left)" if others else ""
        attempt.steps.append(f"extract: {len(here)} copies → {result.helper}(){note}")


def _extract(item: Refactor, attempt: Attempt, conf: QualityConfig) -> None:
    done = extract_blocks(attempt.text, item.path, item.function, item.rule, conf)
    if done.helpers and _keep(item, attempt, done.text, conf):
        attempt.steps.append("extract: " + ", ".join(f"{h}()" for h in done.helpers))
    else:
        attempt.tried.append("extract function: " + ("; ".join(done.problems[:4]) or "no block to move"))


_Step = Callable[[Refactor, Attempt, QualityConfig], None]


def _guarded(step: _Step, item: Refactor, attempt: Attempt, conf: QualityConfig) -> None:
    text = attempt.text
    try:
        step(item, attempt, conf)
    except Exception as exc:  # a rewrite meeting code it cannot handle is a step that changed nothing, not a crash
        log.warning("refactor step %s failed on %s: %s", step.__name__, item.path, exc)
        attempt.text = text
        attempt.tried.append(f"{step.__name__.strip('_')}: could not handle this code ({type(exc).__name__})")


def _wanted(item: Refactor, attempt: Attempt, conf: QualityConfig) -> bool:
    if not conf.extract or item.rule not in ("complexity", "nesting", "length", "maintainability"):
        return False
    current = metric_of(item.rule, attempt.text, item.path, item.function, conf)
    return current is not None and (item.rule == "maintainability" or current > conf.limit(item.rule))


def refactor_text(item: Refactor, text: str, conf: QualityConfig) -> Attempt:
    """Every step on ``text`` (the file at the base commit); pure, no sandbox (the benchmark calls it too)."""
    attempt = Attempt(text, text, metric_of(item.rule, text, item.path, item.function, conf))
    steps: list[_Step] = [_clones] if item.rule == "duplication" else []
    for step in [*steps, _ruff, _codemods]:
        _guarded(step, item, attempt, conf)
    if _wanted(item, attempt, conf):
        _guarded(_extract, item, attempt, conf)
    attempt.metric_after = metric_of(item.rule, attempt.text, item.path, item.function, conf)
    return attempt


def _dynamic(text: str, qualname: str) -> str | None:
    node: ast.AST = ast.parse(text)
    for part in qualname.split("."):
        node = next((n for n in getattr(node, "body", []) if getattr(n, "name", None) == part), None)  # type: ignore[assignment]
    return skip_reason(node) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) else None


class RefactorFixer:
    """Offline refactors of one flagged function; no LLM, nothing the gate cannot re-check."""

    name = "refactor"

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def run(self, job: Job, box: Sandbox) -> Patch | NoFix:
        """A patch lowering the flagged metric, or a ``NoFix`` saying what was tried."""
        item = job.item
        if not isinstance(item, Refactor):
            return NoFix(author=self.name, reason=f"the refactor fixer works on refactor work, not {item.kind}")
        repo = self.ctx.repo(item.repo)
        try:
            text = box.read(item.path)
            if find_function(text, item.function) is None:
                return NoFix(author=self.name, reason=f"{item.path} has no function {item.function!r} any more")
            if (why := _dynamic(text, item.function)) is not None:
                return NoFix(author=self.name, reason=f"{item.function} is skipped: {why}")
        except (PermanentError, SyntaxError) as exc:  # the file is gone or does not parse: nothing to refactor
            return NoFix(author=self.name, reason=f"{item.path} cannot be read: {str(exc)[:300]}")
        attempt = refactor_text(item, text, repo.quality)
        return self._finish(item, box, attempt, repo.test, repo.gate.test_timeout_s)

    def _finish(self, item: Refactor, box: Sandbox, attempt: Attempt, test: str, timeout: int) -> Patch | NoFix:
        learned = "\n".join(f"- {line}" for line in attempt.tried)
        if not better(item.rule, attempt.metric_before, attempt.metric_after):
            why = f"{item.rule} of {item.function} stayed {attempt.metric_before} → {attempt.metric_after}"
            why += "".join(f"; {line}" for line in attempt.left)
            return NoFix(author=self.name, reason=why, learned=learned, attempts=len(attempt.tried))
        box.write(item.path, attempt.text)
        suite = box.run(test, timeout=timeout)
        if not suite.ok:
            box.write(item.path, attempt.before)
            before = box.run(test, timeout=timeout)  # red without the rewrite too: the environment, not the rewrite
            tail = (suite.stdout + suite.stderr)[-600:]
            why = (
                f"the suite fails after the rewrite ({', '.join(attempt.steps)}): {tail}"
                if before.ok
                else "the suite already fails at the base commit, so no rewrite can be checked: make it pass in the "
                f"sandbox (the repo's `setup` installs test dependencies, `test` selects the tests): {tail}"
            )
            return NoFix(author=self.name, reason=why, learned=learned, attempts=len(attempt.steps))
        log.info(
            "refactor key=%s %s %s→%s steps=%s",
            item.key,
            item.rule,
            attempt.metric_before,
            attempt.metric_after,
            attempt.steps,
        )
        diff = unified_diff(item.path, attempt.before, attempt.text)
        author = "refactor:ruff" if attempt.ruff_only else self.name
        return Patch(
            base_commit=item.base_commit,
            diff=diff,
            files=(item.path,),
            author=author,
            rationale=rationale(item, attempt),
        )
