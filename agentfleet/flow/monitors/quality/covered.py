"""A debt's line coverage, from what the coverage monitor measured (``coverage.lines``), when it measured it."""

from __future__ import annotations

from dataclasses import replace

from agentfleet.advisories.snapshot import GitTree
from agentfleet.analysis.functions import find_function
from agentfleet.flow.monitors.coverage.lines import function_coverage, lines_of
from agentfleet.flow.monitors.quality.debts import Debt
from agentfleet.store import Store

__all__ = ["with_coverage"]


def with_coverage(found: list[Debt], store: Store, repo: str, git_dir: str) -> list[Debt]:
    """``found`` with ``metrics.coverage`` set where the coverage monitor measured the function's current text."""
    known = lines_of(store, repo)
    texts: dict[tuple[str, str], str | None] = {}
    out = []
    for debt in found:
        lines = known.get(debt.path)
        share = None
        if lines is not None:
            key = (lines[0], debt.path)
            if key not in texts:
                texts[key] = GitTree(git_dir, lines[0]).read(debt.path)
            text = texts[key]
            then = find_function(text, debt.function.qualname) if text else None
            share = function_coverage(then, debt.function, lines) if then is not None else None
        out.append(
            replace(debt, metrics=debt.metrics.model_copy(update={"coverage": share})) if share is not None else debt
        )
    return out
