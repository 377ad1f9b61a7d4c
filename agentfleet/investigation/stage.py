"""The investigation stage: map an error's frames to the code and try to reproduce it (issue #4 fills this in)."""

from __future__ import annotations

from agentfleet.context import Context
from agentfleet.contracts import Job

__all__ = ["investigate"]


def investigate(job: Job, ctx: Context) -> Job:
    """The job with its investigation report attached."""
    return job
