"""``ScriptedModel``: replays fixed model outputs, for tests, dry runs and offline replays of trajectories."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from agentfleet.core.errors import ConfigError, PermanentError
from agentfleet.flow.fixers.agent.models import Message, ModelReply, ToolSpec
from agentfleet.flow.fixers.config import ModelConfig

__all__ = ["ScriptedModel", "load_script"]


def load_script(path: Path) -> list[ModelReply]:
    """Outputs from a JSON file: a list of replies, or a trajectory export with an ``outputs`` list."""
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"model script {path} (AGENTFLEET_MODEL__SCRIPT) cannot be read: {exc}") from None
    outputs = data.get("outputs") if isinstance(data, dict) else data
    if not isinstance(outputs, list):
        raise ConfigError(f"model script {path} holds no list of outputs (expected a list or {{'outputs': [...]}})")
    return [ModelReply.model_validate(o) for o in outputs]


class ScriptedModel:
    """Answers each query with the next scripted output; ``seen`` keeps what it was asked."""

    def __init__(self, outputs: Iterable[ModelReply | dict[str, Any] | str], name: str = "scripted") -> None:
        self.outputs = [self._reply(o) for o in outputs]
        self.name = name
        self.seen: list[tuple[list[Message], list[ToolSpec]]] = []

    @staticmethod
    def _reply(output: ModelReply | dict[str, Any] | str) -> ModelReply:
        if isinstance(output, ModelReply):
            return output
        return ModelReply(text=output) if isinstance(output, str) else ModelReply.model_validate(output)

    @classmethod
    def from_config(cls, config: ModelConfig) -> ScriptedModel:
        """The outputs in ``config.script``."""
        if not config.script:
            raise ConfigError("provider 'scripted' needs AGENTFLEET_MODEL__SCRIPT (a JSON file of model outputs)")
        return cls(load_script(Path(config.script)), name=config.name or "scripted")

    def close(self) -> None:
        """Nothing to release."""

    def query(self, messages: list[Message], tools: list[ToolSpec], *, max_tokens: int) -> ModelReply:
        """The next scripted output; ``PermanentError`` once the script is used up."""
        self.seen.append((list(messages), list(tools)))
        if len(self.seen) > len(self.outputs):
            raise PermanentError(f"scripted model ran out of outputs after {len(self.outputs)} replies")
        return self.outputs[len(self.seen) - 1]
