"""Any OpenAI-compatible chat-completions endpoint (OpenAI, vLLM, Ollama, llama.cpp server, gateways)."""

from __future__ import annotations

from typing import Any

import openai

from agentfleet.flow.fixers.agent.models import Message, ModelReply, ToolCall, ToolSpec, client_options
from agentfleet.flow.fixers.agent.models.errors import api_errors
from agentfleet.flow.fixers.config import ModelConfig

__all__ = ["OpenAIModel", "to_openai"]


def _message(message: Message) -> dict[str, Any]:
    if message.role == "tool":
        return {"role": "tool", "tool_call_id": message.tool_call_id, "content": message.content}
    out: dict[str, Any] = {"role": message.role, "content": message.content}
    if message.tool_calls:
        out["content"] = message.content or None
        out["tool_calls"] = [
            {"id": c.id, "type": "function", "function": {"name": c.name, "arguments": c.arguments}}
            for c in message.tool_calls
        ]
    return out


def to_openai(messages: list[Message], tools: list[ToolSpec]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """``messages`` and ``tools`` in the chat-completions request shape."""
    specs = [
        {"type": "function", "function": {"name": t.name, "description": t.description, "parameters": t.input_schema}}
        for t in tools
    ]
    return [_message(m) for m in messages], specs


class OpenAIModel:
    """Chat completions with tool calling through the official ``openai`` client."""

    def __init__(self, client: openai.OpenAI, name: str, *, temperature: float | None = None) -> None:
        self.client = client
        self.name = name
        self.temperature = temperature

    @classmethod
    def from_config(cls, config: ModelConfig) -> OpenAIModel:
        """A client on ``config.base_url`` (OpenAI's own when unset) with the configured retries and timeout."""
        return cls(openai.OpenAI(**client_options(config)), config.name, temperature=config.temperature)

    def close(self) -> None:
        """Close the client's connection pool."""
        self.client.close()

    def query(self, messages: list[Message], tools: list[ToolSpec], *, max_tokens: int) -> ModelReply:
        """One chat completion; the client retries 408/409/429/5xx itself before an error is raised."""
        wire, specs = to_openai(messages, tools)
        temperature = openai.omit if self.temperature is None else self.temperature
        with api_errors(openai, "OpenAI-compatible", self.name):
            response = self.client.chat.completions.create(
                model=self.name,
                messages=wire,  # type: ignore[arg-type]  # JSON-shaped dicts of the API's TypedDicts
                tools=specs,  # type: ignore[arg-type]
                max_tokens=max_tokens,
                temperature=temperature,
            )
        choice = response.choices[0]
        calls = [
            ToolCall(id=c.id, name=c.function.name, arguments=c.function.arguments or "{}")
            for c in choice.message.tool_calls or []
            if c.type == "function"
        ]
        usage = response.usage
        return ModelReply(
            text=choice.message.content or "",
            tool_calls=calls,
            input_tokens=usage.prompt_tokens if usage else 0,
            output_tokens=usage.completion_tokens if usage else 0,
            stop_reason=choice.finish_reason,
        )
