"""Fixers: produce a ``Patch`` or an honest ``NoFix`` for a work item, inside its sandbox.

A fixer is any class built from a ``Context`` with ``run(job, box) -> Patch | NoFix``; built-ins
are named in ``FIXERS``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from agentfleet.contracts import Job, NoFix, Patch

if TYPE_CHECKING:
    from agentfleet.sandboxes import Sandbox

__all__ = ["FIXERS", "Fixer"]

FIXERS: dict[str, str] = {
    "agent": "agentfleet.flow.fixers.agent.fixer.AgentFixer",
    "recipe": "agentfleet.flow.fixers.recipes.RecipeFixer",
    "repair": "agentfleet.flow.fixers.repair.fixer.RepairFixer",
}
"""Short name → import path of the built-in fixers."""


class Fixer(Protocol):
    """Turns a work item into a patch, working only inside the sandbox it is given."""

    name: str

    def run(self, job: Job, box: Sandbox) -> Patch | NoFix:
        """A patch against ``job.item.base_commit``, or why there is none."""
        ...
