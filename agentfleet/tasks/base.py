"""The base class of every agentfleet task: a malformed payload fails clearly and is recorded."""

from __future__ import annotations

import inspect
import typing
from functools import cached_property
from typing import Any

from celery import Task
from pydantic import BaseModel, TypeAdapter, ValidationError

from agentfleet.core.context import get_context
from agentfleet.core.errors import PermanentError
from agentfleet.store import ledger

__all__ = ["AgentfleetTask"]


def _explain(name: str, exc: ValidationError) -> str:
    parts = [f"{'.'.join(str(p) for p in (name, *err['loc']))}: {err['msg']}" for err in exc.errors()[:10]]
    more = f" (+{exc.error_count() - 10} more)" if exc.error_count() > 10 else ""
    return "; ".join(parts) + more


class AgentfleetTask(Task):  # type: ignore[misc]
    """Checks a task's arguments against its parameters' types (pydantic models, ``str``, ``int``…) before it runs.

    A payload that does not fit fails with a ``PermanentError`` naming the fields, and a ledger row;
    errors the task body raises later are its own (``run_stage`` records them).
    """

    @cached_property
    def _signature(self) -> inspect.Signature:
        return inspect.signature(self.run)  # follows the wrapper; no bound ``self``

    @cached_property
    def _adapters(self) -> dict[str, tuple[Any, TypeAdapter[Any]]]:
        """Parameter name → its type and validator, for the task function's annotated parameters."""
        hints = typing.get_type_hints(inspect.unwrap(self.run))
        return {n: (hints[n], TypeAdapter(hints[n])) for n in self._signature.parameters if n in hints}

    @cached_property
    def _exact(self) -> dict[str, type]:
        """Parameter name → type, when every parameter is a plain class (``str``, ``int``): a call whose
        keyword arguments are exactly of those types needs no validation (the stage tasks' usual call)."""
        hints = {name: hint for name, (hint, _) in self._adapters.items()}
        plain = all(isinstance(h, type) and not issubclass(h, BaseModel) for h in hints.values())
        return hints if plain and hints.keys() == self._signature.parameters.keys() else {}

    def _refuse(self, why: str) -> PermanentError:
        message = f"invalid payload for {self.name}: {why}"
        actor = f"{self.name}[{self.request.id}]"
        store = get_context().store
        ledger.append(store, stage="payload", outcome=ledger.Outcome.REFUSED, actor=actor, outputs={"error": message})
        return PermanentError(message)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        exact = self._exact
        if exact and not args and kwargs.keys() == exact.keys() and all(type(kwargs[n]) is t for n, t in exact.items()):
            return super().__call__(**kwargs)
        try:
            bound = self._signature.bind(*args, **kwargs)
        except TypeError as exc:
            raise self._refuse(str(exc)) from None
        problems = []
        for name, value in bound.arguments.items():
            hint, adapter = self._adapters.get(name, (None, None))
            if adapter is None or (isinstance(hint, type) and issubclass(hint, BaseModel) and isinstance(value, hint)):
                continue  # not annotated, or a model instance (validated when it was built)
            try:
                bound.arguments[name] = adapter.validate_python(value)
            except ValidationError as exc:
                problems.append(_explain(name, exc))
        if problems:
            raise self._refuse("; ".join(problems))
        # validated once: Celery's pydantic wrapper takes a model instance as it is
        return super().__call__(*bound.args, **bound.kwargs)
