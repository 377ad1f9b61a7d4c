"""The base class of every agentfleet task: a malformed payload fails clearly and is recorded."""

from __future__ import annotations

from typing import Any

from celery import Task
from pydantic import ValidationError

from agentfleet.context import get_context
from agentfleet.errors import PermanentError
from agentfleet.store import ledger

__all__ = ["AgentfleetTask"]


def _explain(exc: ValidationError) -> str:
    parts = [f"{'.'.join(str(p) for p in err['loc']) or '(payload)'}: {err['msg']}" for err in exc.errors()[:10]]
    more = f" (+{exc.error_count() - 10} more)" if exc.error_count() > 10 else ""
    return "; ".join(parts) + more


class AgentfleetTask(Task):  # type: ignore[misc]
    """Turns payload validation errors into a ``PermanentError`` naming the fields, and records them."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().__call__(*args, **kwargs)
        except ValidationError as exc:
            message = f"invalid payload for {self.name}: {_explain(exc)}"
            ledger.append(
                get_context().store,
                stage="payload",
                outcome="refused",
                actor=f"{self.name}[{self.request.id}]",
                outputs={"error": message},
            )
            raise PermanentError(message) from None
