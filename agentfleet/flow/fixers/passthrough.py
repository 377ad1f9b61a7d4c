"""``PassthroughFixer``: changes nothing and needs no sandbox — the canary's fixer.

It holds for the work item's ``hold_seconds`` (benchmarks and redelivery drills) and returns an
empty patch, so the canary exercises every stage without touching code.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from agentfleet.contracts import Job, NoFix, Patch
from agentfleet.core.context import Context

if TYPE_CHECKING:
    from agentfleet.sandboxes import Sandbox

__all__ = ["PassthroughFixer"]


class PassthroughFixer:
    """An empty patch, after holding as long as the item asks."""

    name = "passthrough"
    needs_sandbox = False

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def run(self, job: Job, box: Sandbox | None) -> Patch | NoFix:
        """The empty patch."""
        item = job.item
        hold = getattr(item, "hold_seconds", 0.0)
        if hold:
            time.sleep(hold)
        return Patch(base_commit=item.base_commit, diff="", author=self.name, rationale=f"{item.kind}: no change")
