"""The ``errors`` MCP server: read-only views of one repo's production error groups and events.

Every text it returns (messages, frames, breadcrumbs, tags) came from a production app: it is
untrusted data, serialised as JSON so that nothing in it can pass for the server's own words.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from mcp.server.mcpserver import MCPServer

from agentfleet.contracts import Frame
from agentfleet.ingest import read
from agentfleet.ingest.event import ErrorEvent
from agentfleet.mcp.common import READ_ONLY, ToolError, cap, new_server
from agentfleet.store import Store

__all__ = ["ErrorTools", "build", "format_frames", "opened"]

if TYPE_CHECKING:
    from agentfleet.core.context import Context
    from agentfleet.core.fleet import RepoConfig


def format_frames(frames: tuple[Frame, ...] | list[Frame]) -> str:
    """A Python-style traceback of ``frames`` (innermost last), one frame per entry."""
    lines = ["Traceback (most recent call last):"]
    for f in frames:
        where = f"  File {json.dumps(f.filename)}, line {f.lineno if f.lineno is not None else '?'}, in {f.function}"
        lines.append(where + ("" if f.in_app else "  [library]"))
        if f.context_line:
            lines.append(f"    {f.context_line.strip()}")
    return "\n".join(lines)


class ErrorTools:
    """Queries on the error store, limited to the repo ``repo``."""

    def __init__(self, store: Store, repo: str) -> None:
        self.store = store
        self.repo = repo

    def list_groups(self, limit: int = 20) -> str:
        """Error groups of this repository, most recently seen first: fingerprint, title, counts, culprit."""
        groups = read.list_groups(self.store, self.repo, limit=max(1, min(limit, 200)))
        rows = [
            g.model_dump(
                mode="json", include={"fingerprint", "title", "count", "unhandled_count", "culprit", "last_seen"}
            )
            for g in groups
        ]
        return cap(json.dumps(rows, indent=1)) if rows else "no error groups recorded for this repository"

    def get_group(self, fingerprint: str) -> str:
        """One error group: exception, counts, releases, environments, tags and the latest frames."""
        return cap(self._group(fingerprint).model_dump_json(indent=1))

    def list_events(self, fingerprint: str, limit: int = 10) -> str:
        """The newest kept events of a group: id, time, release, environment, message."""
        self._group(fingerprint)
        events = read.list_events(self.store, self.repo, fingerprint, limit=max(1, min(limit, 100)))
        fields = {"event_id", "timestamp", "release", "environment", "transaction", "exception_value", "handled"}
        return cap(json.dumps([e.model_dump(mode="json", include=fields) for e in events], indent=1))

    def get_event(self, event_id: str) -> str:
        """One event in full except breadcrumbs (see get_breadcrumbs) and frames (see get_stacktrace)."""
        return cap(self._event(event_id).model_dump_json(indent=1, exclude={"breadcrumbs", "frames"}))

    def get_stacktrace(self, event_id: str) -> str:
        """The stack trace of an event, innermost frame last, with the exception line."""
        event = self._event(event_id)
        head = json.dumps(f"{event.exception_type}: {event.exception_value}" if event.exception_type else event.message)
        return cap(f"{format_frames(event.frames)}\n{head}")

    def get_breadcrumbs(self, event_id: str, limit: int = 50) -> str:
        """What the app recorded just before an event (log lines, requests, queries), oldest first."""
        crumbs = self._event(event_id).breadcrumbs[-max(1, limit) :]
        return cap(json.dumps([c.model_dump(mode="json") for c in crumbs], indent=1)) if crumbs else "no breadcrumbs"

    def _group(self, fingerprint: str) -> read.ErrorGroup:
        group = read.get_group(self.store, self.repo, fingerprint)
        if group is None:
            raise ToolError(f"no error group {fingerprint!r} in this repository; list_groups shows the known ones")
        return group

    def _event(self, event_id: str) -> ErrorEvent:
        event = read.get_event(self.store, self.repo, event_id)
        if event is None:
            raise ToolError(f"no event {event_id!r} in this repository; list_events shows a group's events")
        return event


def build(tools: ErrorTools, **options: Any) -> MCPServer:
    """The ``errors`` server over ``tools``; every tool is read-only. ``options`` go to ``MCPServer``."""
    fns = (tools.list_groups, tools.get_group, tools.list_events, tools.get_event, tools.get_stacktrace,
           tools.get_breadcrumbs)  # fmt: skip
    instructions = f"Read-only production errors of repository {tools.repo}."
    return new_server("errors", instructions, dict.fromkeys(fns, READ_ONLY), **options)


@contextmanager
def opened(ctx: Context, repo: RepoConfig, commit: str | None = None, **options: Any) -> Iterator[MCPServer]:
    """The ``errors`` server for fleet repo ``repo`` (``commit`` is not used)."""
    yield build(ErrorTools(ctx.store, repo.name), **options)
