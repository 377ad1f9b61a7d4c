"""A work kind's own gate checks, by name (the work-kind table's ``checks``).

A kind check runs after the shared checks passed (diff-only checks, the patch applies, the suite is
green, the review of changed lines) and returns its own ``Check``s — except the checks of what a kind's
patch may touch (``ON_TEXTS``), which read the texts alone and run with the shared text checks, before any
sandbox starts; it starts any sandbox it needs
itself (``open_sandbox``: always fresh) and trusts nothing the fixer said. Register one by adding
``name → import path`` to ``GATE_CHECKS``; the work-kind table names it in a row's ``checks``.

``fixes_the_error`` is built in (``proof.py``): its runs (the proof before and after the patch, and its
plain replay) go in the same parallel batch as the suite's, each in its own fresh sandbox.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from agentfleet.contracts import Check, Job
    from agentfleet.core.context import Context
    from agentfleet.core.fleet import RepoConfig
    from agentfleet.flow.gate.diffview import DiffView

__all__ = ["BUILT_IN", "FOR_A_READER", "GATE_CHECKS", "ON_TEXTS", "KindCheck", "kind_checks"]

GATE_CHECKS: dict[str, str] = {
    "docs_only": "agentfleet.flow.gate.checks.sync_docs.docs_only",
    "docs_consistent": "agentfleet.flow.gate.checks.sync_docs.docs_consistent",
    "docs_examples": "agentfleet.flow.gate.checks.sync_docs.docs_examples",
    "docs_build": "agentfleet.flow.gate.checks.sync_docs.docs_build",
    "tests_only": "agentfleet.flow.gate.checks.expand_tests.tests_only",
    "tests_assert": "agentfleet.flow.gate.checks.expand_tests.tests_assert",
    "expand_tests": "agentfleet.flow.gate.checks.expand_tests.expand_tests",
    "refactor_only": "agentfleet.flow.gate.checks.refactor.refactor_only",
    "metric_improves": "agentfleet.flow.gate.checks.refactor.metric_improves",
    "api_unchanged": "agentfleet.flow.gate.checks.refactor.api_unchanged",
    "behaviour_preserved": "agentfleet.flow.gate.checks.refactor_run.behaviour_preserved",
    "no_new_effects": "agentfleet.flow.gate.checks.refactor.no_new_effects",
    "upgrade_only": "agentfleet.flow.gate.checks.upgrade_dependency.upgrade_only",
}
"""Check name → import path of a ``KindCheck``."""

BUILT_IN = ("fixes_the_error",)
"""Kind checks the shared sandbox run performs itself."""

ON_TEXTS = frozenset({"tests_only", "tests_assert", "docs_only", "refactor_only", "upgrade_only"})
"""Kind checks of what the patch may touch, read from its texts: they run before any sandbox, so a patch they
refuse never reaches a prepare step (which installs what the patch's dependency files name)."""

FOR_A_READER = "for a reader: "
"""A passing check's evidence line that begins so names what a human must read: the patch is not low-risk."""


class KindCheck(Protocol):
    """One kind's extra verification of a patch that passed the shared checks."""

    def __call__(self, job: Job, ctx: Context, repo: RepoConfig, view: DiffView) -> list[Check]:
        """The checks it ran, each with its evidence; any ``passed=False`` rejects the patch."""
        ...


def kind_checks(
    names: tuple[str, ...], job: Job, ctx: Context, repo: RepoConfig, view: DiffView, *, on_texts: bool = False
) -> list[Check]:
    """Run the registered checks ``names`` (a row's ``checks``) in order, those in ``ON_TEXTS`` (``on_texts``)
    or the others; stop at the first that fails."""
    from agentfleet.core.registry import resolve

    results: list[Check] = []
    for name in names:
        if name in BUILT_IN or (name in ON_TEXTS) != on_texts:
            continue
        check: KindCheck = resolve(GATE_CHECKS, name, "gate check")
        results += check(job, ctx, repo, view)
        if not all(c.passed for c in results):
            break
    return results
