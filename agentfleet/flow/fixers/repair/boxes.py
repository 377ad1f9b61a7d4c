"""Sandboxes for the engine's parallel slots: the one a caller already has, plus new ones just like it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from agentfleet.core.context import Context
    from agentfleet.core.fleet import RepoConfig
    from agentfleet.sandboxes import Sandbox

__all__ = ["sandboxes"]


@contextmanager
def sandboxes(
    ctx: Context, repo: RepoConfig, commit: str, count: int, first: Sandbox | None = None
) -> Iterator[list[Sandbox]]:
    """``count`` sandboxes on ``repo`` at ``commit``; ``first`` (if given) is used, not closed, and
    whatever its working copy holds beyond the commit (a regression test the fix stage wrote, say) is
    applied to the new ones, so every slot validates against the same tests."""
    from agentfleet.sandboxes.factory import open_sandbox

    with ExitStack() as stack:
        boxes = [first] if first is not None else []
        changes = first.diff() if first is not None else ""
        while len(boxes) < count:
            box = stack.enter_context(open_sandbox(ctx, repo, commit))
            if changes.strip():
                box.apply(changes)
            boxes.append(box)
        yield boxes
