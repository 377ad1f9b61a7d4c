"""Trajectories: every step of an agent run, saved as it happens, viewable and replayable.

The ``agent_trajectories`` row holds the whole conversation and the model's raw outputs (what
``ScriptedModel`` replays); each step is also appended to the ledger with its cost, which is what
the per-repo daily spend budget sums. API keys never enter either.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from agentfleet.contracts import Job, utcnow
from agentfleet.core.errors import PermanentError
from agentfleet.flow.fixers.agent.models import Message, ModelReply
from agentfleet.mcp.common import cap
from agentfleet.store import Store, ledger
from agentfleet.store.base import Base

__all__ = ["Recorder", "TrajectoryRow", "load", "recent"]

STAGE = "agent"
"""The ledger stage of agent steps."""


class TrajectoryRow(Base):
    """One agent run: its job, conversation, raw model outputs and outcome; rewritten after every step."""

    __tablename__ = "agent_trajectories"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    repo: Mapped[str] = mapped_column(String(64), index=True)
    key: Mapped[str] = mapped_column(String(300), index=True)
    model: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(32))
    """``running``, ``submitted``, ``gave_up``, ``budget``, ``error`` (a crash mid-run stays ``running``)."""
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    job: Mapped[dict[str, Any]]
    messages: Mapped[list[dict[str, Any]]] = mapped_column(default=list)
    outputs: Mapped[list[dict[str, Any]]] = mapped_column(default=list)
    """Each model reply as returned (text, tool calls, token counts): a ``ScriptedModel`` script."""
    spend: Mapped[dict[str, Any]] = mapped_column(default=dict)
    result: Mapped[str] = mapped_column(Text, default="")
    """The rationale, or the no-fix reason, or the error."""


class Recorder:
    """Saves one run: the row after every step, and one ledger row per model step."""

    def __init__(self, store: Store, job: Job, model: str) -> None:
        self.store = store
        self.job = job
        self.id = uuid.uuid4().hex
        self._saved_messages = 0
        with store.session() as session:
            session.add(
                TrajectoryRow(
                    id=self.id, repo=job.item.repo, key=job.key, model=model, status="running",
                    job=job.model_dump(mode="json"),
                )
            )  # fmt: skip

    def save(
        self, messages: list[Message], outputs: list[ModelReply], spend: dict[str, Any], *, step_cost: float = 0.0,
        status: str = "running", result: str = "",
    ) -> None:  # fmt: skip
        """Rewrite the row; append the messages added since the last save to the ledger as one step."""
        new = messages[self._saved_messages :]
        self._saved_messages = len(messages)
        with self.store.session() as session:
            row = session.get(TrajectoryRow, self.id)
            if row is None:
                raise PermanentError(f"trajectory {self.id} is missing from the store {self.store.url}")
            row.messages = [m.model_dump(mode="json") for m in messages]
            row.outputs = [o.model_dump(mode="json") for o in outputs]
            row.spend, row.status, row.result, row.updated_at = dict(spend), status, result, utcnow()
        if new or step_cost:
            ledger.append(
                self.store, stage=STAGE, outcome="step" if status == "running" else status, repo=self.job.item.repo,
                key=self.job.key, actor=f"agent:{self.id}", cost_usd=step_cost,
                inputs={"trajectory": self.id, "step": spend.get("steps", 0)},
                outputs={"messages": [_brief(m) for m in new]},
            )  # fmt: skip

    def fail(self, error: str, spend: dict[str, Any]) -> None:
        """Mark the run as ended by ``error`` (the steps before it are already saved)."""
        with self.store.session() as session:
            row = session.get(TrajectoryRow, self.id)
            if row is not None:
                row.status, row.result, row.spend, row.updated_at = "error", error, dict(spend), utcnow()
        ledger.append(
            self.store, stage=STAGE, outcome="error", repo=self.job.item.repo, key=self.job.key,
            actor=f"agent:{self.id}", inputs={"trajectory": self.id}, outputs={"error": error[:2000]},
        )  # fmt: skip


def _brief(message: Message) -> dict[str, Any]:
    """A ledger-sized copy of ``message`` (long contents cut)."""
    out = message.model_dump(mode="json", exclude_defaults=True)
    if len(message.content) > 2000:
        out["content"] = cap(message.content, 2000)
    return out


def load(store: Store, trajectory_id: str) -> TrajectoryRow | None:
    """The trajectory ``trajectory_id`` (a unique prefix of it is enough)."""
    with store.session() as session:
        rows = session.scalars(
            select(TrajectoryRow).where(TrajectoryRow.id.startswith(trajectory_id, autoescape=True)).limit(2)
        ).all()
    return rows[0] if len(rows) == 1 else None


def recent(store: Store, *, limit: int = 20, repo: str | None = None) -> list[TrajectoryRow]:
    """The newest trajectories first."""
    query = select(TrajectoryRow).order_by(TrajectoryRow.started_at.desc()).limit(limit)
    if repo:
        query = query.where(TrajectoryRow.repo == repo)
    with store.session() as session:
        return list(session.scalars(query).all())
