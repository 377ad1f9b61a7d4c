"""Fixers: produce a ``Patch`` or an honest ``NoFix`` for a work item, inside its sandbox.

A fixer is a class whose constructor takes the ``Context`` (``FixerFactory``) and whose instances
have ``run(job, box) -> Patch | NoFix`` (``Fixer``). Built-ins are named in ``FIXERS``; a fleet file
may also name a dotted import path. Which fixers a kind tries is the work-kind table's (``fixers``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from agentfleet.contracts import Job, NoFix, Patch

if TYPE_CHECKING:
    from agentfleet.core.context import Context
    from agentfleet.sandboxes import Sandbox

__all__ = ["FIXERS", "Fixer", "FixerFactory", "needs_sandbox"]

FIXERS: dict[str, str] = {
    "agent": "agentfleet.flow.fixers.agent.fixer.AgentFixer",
    "recipe": "agentfleet.flow.fixers.recipes.RecipeFixer",
    "repair": "agentfleet.flow.fixers.repair.fixer.RepairFixer",
    "passthrough": "agentfleet.flow.fixers.passthrough.PassthroughFixer",
    "docs": "agentfleet.flow.fixers.docs.DocsFixer",
    "tests": "agentfleet.flow.fixers.tests.fixer.TestsFixer",
    "refactor": "agentfleet.flow.fixers.refactor.fixer.RefactorFixer",
}
"""Short name → import path of the built-in fixers."""


class Fixer(Protocol):
    """Turns a work item into a patch, working only inside the sandbox it is given.

    A fixer may set a class attribute ``needs_sandbox = False`` to be run with ``box=None``.
    """

    name: str

    def run(self, job: Job, box: Sandbox) -> Patch | NoFix:
        """A patch against ``job.item.base_commit``, or why there is none."""
        ...


class FixerFactory(Protocol):
    """What a fixer class (a ``FIXERS`` entry or a dotted path) must be: callable with the context."""

    def __call__(self, ctx: Context) -> Fixer:
        """A fixer for one attempt."""
        ...


def needs_sandbox(fixer: Fixer) -> bool:
    """Whether ``fixer`` works in a sandbox (every fixer does unless it says otherwise)."""
    return bool(getattr(fixer, "needs_sandbox", True))
