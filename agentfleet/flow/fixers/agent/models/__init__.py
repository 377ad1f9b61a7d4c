"""Model providers for the agent loop: one protocol, one module per provider.

Messages travel in one neutral, JSON-serialisable shape (``Message``) and each provider converts
them to its API's shape. ``MODELS`` names the built-ins; a dotted path names any other class
with ``from_config(config: ModelConfig)``.
"""

from __future__ import annotations

from typing import Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

from agentfleet.core.registry import resolve
from agentfleet.flow.fixers.config import ModelConfig

__all__ = [
    "MODELS",
    "Message",
    "Model",
    "ModelFactory",
    "ModelReply",
    "ToolCall",
    "ToolSpec",
    "build_model",
    "client_options",
]

MODELS: dict[str, str] = {
    "anthropic": "agentfleet.flow.fixers.agent.models.anthropic.AnthropicModel",
    "openai": "agentfleet.flow.fixers.agent.models.openai.OpenAIModel",
    "scripted": "agentfleet.flow.fixers.agent.models.scripted.ScriptedModel",
}
"""Short name → import path of the built-in model providers."""


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


class ToolSpec(_Data):
    """A tool as the model sees it."""

    name: str
    description: str = ""
    input_schema: dict[str, Any] = Field(default_factory=lambda: {"type": "object", "properties": {}})
    """JSON Schema of the arguments object."""


class ToolCall(_Data):
    """One tool call the model asked for."""

    id: str
    name: str
    arguments: str = "{}"
    """The arguments exactly as the model wrote them (JSON text, possibly malformed)."""


class ModelReply(_Data):
    """What one model call returned: text, tool calls and what it cost in tokens."""

    text: str = ""
    tool_calls: list[ToolCall] = Field(default_factory=list)
    input_tokens: int = 0
    output_tokens: int = 0
    stop_reason: str | None = None


class Message(_Data):
    """One conversation entry in the neutral shape every provider converts from."""

    role: Literal["system", "user", "assistant", "tool"]
    content: str = ""
    tool_calls: list[ToolCall] = Field(default_factory=list)
    """For ``assistant`` messages: the calls the model made."""
    tool_call_id: str | None = None
    """For ``tool`` messages: the call this is the result of."""
    is_error: bool = False
    """For ``tool`` messages: the call failed (bad arguments, refused, raised)."""


class Model(Protocol):
    """A chat model that can call tools."""

    name: str

    def query(self, messages: list[Message], tools: list[ToolSpec], *, max_tokens: int) -> ModelReply:
        """One reply to ``messages``; ``TransientError`` after retries, ``PermanentError`` on auth errors."""
        ...

    def close(self) -> None:
        """Release the HTTP connections (a no-op for models without any)."""
        ...


class ModelFactory(Protocol):
    """What a model class (a ``MODELS`` entry or a dotted path) must have: a class method ``from_config``."""

    def from_config(self, config: ModelConfig) -> Model:
        """A model client for ``config`` (provider, name, endpoint, key, retries)."""
        ...


def build_model(config: ModelConfig) -> Model:
    """The model ``config`` names (``anthropic``, ``openai``, ``scripted`` or a dotted path)."""
    factory: ModelFactory = resolve(MODELS, config.provider, "model provider (AGENTFLEET_MODEL__PROVIDER)")
    return factory.from_config(config)


def client_options(config: ModelConfig) -> dict[str, Any]:
    """Constructor arguments both official clients take: key, endpoint, retries, timeout."""
    key = config.api_key.get_secret_value() if config.api_key else "unset"
    return {"api_key": key, "base_url": config.base_url, "max_retries": config.max_retries, "timeout": config.timeout_s}
