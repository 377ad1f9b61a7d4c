"""The Anthropic Messages API (or any endpoint that speaks it) through the official ``anthropic`` client."""

from __future__ import annotations

import json
from typing import Any

import anthropic

from agentfleet.flow.fixers.agent.models import Message, ModelReply, ToolCall, ToolSpec, client_options
from agentfleet.flow.fixers.agent.models.errors import api_errors
from agentfleet.flow.fixers.config import ModelConfig

__all__ = ["AnthropicModel", "to_anthropic"]


def _input(arguments: str) -> dict[str, Any]:
    try:
        value = json.loads(arguments)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _blocks(message: Message) -> list[dict[str, Any]]:
    if message.role == "tool":
        return [
            {
                "type": "tool_result",
                "tool_use_id": message.tool_call_id,
                "content": message.content,
                "is_error": message.is_error,
            }
        ]
    blocks: list[dict[str, Any]] = [{"type": "text", "text": message.content}] if message.content else []
    blocks += [
        {"type": "tool_use", "id": c.id, "name": c.name, "input": _input(c.arguments)} for c in message.tool_calls
    ]
    return blocks


def to_anthropic(messages: list[Message]) -> tuple[str, list[dict[str, Any]]]:
    """The system prompt and the turns, tool results folded into user turns and same-role turns merged."""
    system = "\n\n".join(m.content for m in messages if m.role == "system")
    turns: list[dict[str, Any]] = []
    for message in messages:
        if message.role == "system":
            continue
        role = "assistant" if message.role == "assistant" else "user"
        blocks = _blocks(message)
        if turns and turns[-1]["role"] == role:
            turns[-1]["content"].extend(blocks)
        else:
            turns.append({"role": role, "content": blocks})
    return system, turns


class AnthropicModel:
    """Claude (or a compatible server) with tool use."""

    def __init__(self, client: anthropic.Anthropic, name: str) -> None:
        self.client = client
        self.name = name

    @classmethod
    def from_config(cls, config: ModelConfig) -> AnthropicModel:
        """A client on ``config.base_url`` (Anthropic's own when unset) with the configured retries and timeout."""
        return cls(anthropic.Anthropic(**client_options(config)), config.name)

    def close(self) -> None:
        """Close the client's connection pool."""
        self.client.close()

    def query(self, messages: list[Message], tools: list[ToolSpec], *, max_tokens: int) -> ModelReply:
        """One Messages API call; the client retries 408/409/429/5xx itself before an error is raised."""
        system, turns = to_anthropic(messages)
        specs = [{"name": t.name, "description": t.description, "input_schema": t.input_schema} for t in tools]
        with api_errors(anthropic, "Anthropic", self.name):
            response = self.client.messages.create(
                model=self.name,
                system=system,
                messages=turns,  # type: ignore[arg-type]  # JSON-shaped dicts of the API's TypedDicts
                tools=specs,  # type: ignore[arg-type]
                max_tokens=max_tokens,
            )
        text = "\n".join(b.text for b in response.content if b.type == "text")
        calls = [
            ToolCall(id=b.id, name=b.name, arguments=json.dumps(b.input))
            for b in response.content
            if b.type == "tool_use"
        ]
        return ModelReply(
            text=text,
            tool_calls=calls,
            input_tokens=response.usage.input_tokens,
            output_tokens=response.usage.output_tokens,
            stop_reason=response.stop_reason,
        )
