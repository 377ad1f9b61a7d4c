"""The base class of every agentfleet task: a malformed payload fails clearly and is recorded."""

from __future__ import annotations

import inspect
import typing
from functools import cached_property
from typing import Any

from celery import Task
from pydantic import BaseModel, ValidationError

from agentfleet.core.context import get_context
from agentfleet.core.errors import PermanentError
from agentfleet.store import ledger

__all__ = ["AgentfleetTask"]


def _explain(exc: ValidationError) -> str:
    parts = [f"{'.'.join(str(p) for p in err['loc']) or '(payload)'}: {err['msg']}" for err in exc.errors()[:10]]
    more = f" (+{exc.error_count() - 10} more)" if exc.error_count() > 10 else ""
    return "; ".join(parts) + more


class AgentfleetTask(Task):  # type: ignore[misc]
    """Checks a task's arguments against its pydantic models before it runs.

    A payload that does not fit fails with a ``PermanentError`` naming the fields, and a ledger row;
    errors the task body raises later are its own (``run_stage`` records them).
    """

    @cached_property
    def _models(self) -> dict[str, type[BaseModel]]:
        """Parameter name → pydantic model, for the task function's model-typed parameters."""
        hints = typing.get_type_hints(inspect.unwrap(self.run))
        return {n: h for n, h in hints.items() if n != "return" and isinstance(h, type) and issubclass(h, BaseModel)}

    def _refuse(self, why: str) -> PermanentError:
        message = f"invalid payload for {self.name}: {why}"
        actor = f"{self.name}[{self.request.id}]"
        ledger.append(get_context().store, stage="payload", outcome="refused", actor=actor, outputs={"error": message})
        return PermanentError(message)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        try:
            bound = inspect.signature(self.run).bind(*args, **kwargs)  # follows the wrapper; no bound ``self``
        except TypeError as exc:
            raise self._refuse(str(exc)) from None
        for name, value in bound.arguments.items():
            model = self._models.get(name)
            if model is not None and not isinstance(value, model):
                try:
                    bound.arguments[name] = model.model_validate(value)
                except ValidationError as exc:
                    raise self._refuse(_explain(exc)) from None
        # validated once: Celery's pydantic wrapper takes a model instance as it is
        return super().__call__(*bound.args, **bound.kwargs)
