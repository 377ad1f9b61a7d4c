"""Local HTTP stand-ins of the two model APIs the agent speaks, served by uvicorn in a thread.

``ProviderStandIn("openai" | "anthropic", turns)`` answers ``POST /v1/chat/completions`` or
``POST /v1/messages`` with the next scripted turn, in that API's own response shape, so the real
``openai`` / ``anthropic`` clients parse it. A turn is a reply (``agent_kit.reply``) or an
``Failure`` (status, retry headers). Requests are checked for the API's conversation rules and kept
in ``requests`` for assertions; a wrong API key gets the API's 401.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from support import free_port

from agentfleet.flow.fixers.config import ModelConfig, ModelPrice

KEY = "sk-standin-0123456789abcdef"


@dataclass(frozen=True)
class Failure:
    """An HTTP error turn: ``status`` with a short ``retry-after-ms`` so client retries are quick."""

    status: int
    message: str = "scripted failure"


def _openai_body(turn: dict[str, Any], n: int, model: str) -> dict[str, Any]:
    calls = [
        {"id": c["id"], "type": "function", "function": {"name": c["name"], "arguments": c["arguments"]}}
        for c in turn["tool_calls"]
    ]
    message: dict[str, Any] = {"role": "assistant", "content": turn["text"] or None}
    if calls:
        message["tool_calls"] = calls
    usage = {"prompt_tokens": turn["input_tokens"], "completion_tokens": turn["output_tokens"]}
    return {
        "id": f"chatcmpl-{n}", "object": "chat.completion", "created": int(time.time()), "model": model,
        "choices": [{"index": 0, "message": message, "finish_reason": "tool_calls" if calls else "stop"}],
        "usage": usage | {"total_tokens": sum(usage.values())},
    }  # fmt: skip


def _anthropic_body(turn: dict[str, Any], n: int, model: str) -> dict[str, Any]:
    content: list[dict[str, Any]] = [{"type": "text", "text": turn["text"]}] if turn["text"] else []
    content += [
        {"type": "tool_use", "id": c["id"], "name": c["name"], "input": json.loads(c["arguments"])}
        for c in turn["tool_calls"]
    ]
    return {
        "id": f"msg_{n}", "type": "message", "role": "assistant", "model": model, "content": content,
        "stop_reason": "tool_use" if turn["tool_calls"] else "end_turn", "stop_sequence": None,
        "usage": {"input_tokens": turn["input_tokens"], "output_tokens": turn["output_tokens"]},
    }  # fmt: skip


def _openai_violation(body: dict[str, Any]) -> str | None:
    pending: set[str] = set()
    for message in body["messages"]:
        if message["role"] == "tool":
            pending.discard(message["tool_call_id"])
        elif pending:
            return f"tool calls {sorted(pending)} have no tool message"
        pending |= {c["id"] for c in message.get("tool_calls") or []}
    return None


def _anthropic_violation(body: dict[str, Any]) -> str | None:
    roles = [m["role"] for m in body["messages"]]
    if roles[0] != "user" or any(a == b for a, b in zip(roles, roles[1:], strict=False)):
        return f"roles must alternate starting with user, got {roles}"
    for asked, answer in zip(body["messages"], body["messages"][1:], strict=False):
        wanted = {b["id"] for b in asked["content"] if asked["role"] == "assistant" and b["type"] == "tool_use"}
        given = {b["tool_use_id"] for b in answer["content"] if b["type"] == "tool_result"}
        if not wanted <= given:
            return f"tool_use ids {sorted(wanted - given)} have no tool_result"
    return None


_API = {
    "openai": ("/v1/chat/completions", _openai_body, _openai_violation),
    "anthropic": ("/v1/messages", _anthropic_body, _anthropic_violation),
}


@dataclass
class ProviderStandIn:
    """One provider API on 127.0.0.1, replaying ``turns``; use as a context manager."""

    api: str
    turns: list[dict[str, Any] | Failure]
    requests: list[dict[str, Any]] = field(default_factory=list)
    """Bodies of the requests that passed auth, in order."""
    refused: int = 0
    """Requests refused for a wrong API key."""
    port: int = field(default_factory=free_port)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}" + ("/v1" if self.api == "openai" else "")

    def _error(self, status: int, message: str) -> JSONResponse:
        body: dict[str, Any] = {"error": {"message": message, "type": "standin_error"}}
        if self.api == "anthropic":
            body = {"type": "error", "error": {"type": "standin_error", "message": message}}
        return JSONResponse(body, status_code=status, headers={"retry-after-ms": "10"})

    def _authorised(self, request: Request) -> bool:
        if self.api == "openai":
            return request.headers.get("authorization") == f"Bearer {KEY}"
        return KEY in (
            request.headers.get("x-api-key"),
            request.headers.get("authorization", "").removeprefix("Bearer "),
        )

    async def _handle(self, request: Request) -> JSONResponse:
        if not self._authorised(request):
            self.refused += 1
            return self._error(401, "invalid x-api-key / bearer token")
        body = await request.json()
        self.requests.append(body)
        _, shape, violation = _API[self.api]
        if why := violation(body):
            return self._error(400, why)
        if len(self.requests) > len(self.turns):
            return self._error(400, "the stand-in's script is used up")
        turn = self.turns[len(self.requests) - 1]
        if isinstance(turn, Failure):
            return self._error(turn.status, turn.message)
        return JSONResponse(shape(turn, len(self.requests), body["model"]))

    def __enter__(self) -> ProviderStandIn:
        path = _API[self.api][0]
        app = Starlette(routes=[Route(path, self._handle, methods=["POST"])])
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off", ws="none")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.api} stand-in did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.should_exit = True
        self._thread.join(10)


def model_config(standin: ProviderStandIn, key: str = KEY) -> ModelConfig:
    """Settings pointing the provider's official client at ``standin`` ($3 / $15 per million tokens)."""
    price = ModelPrice(input_per_mtok=3.0, output_per_mtok=15.0)
    return ModelConfig(
        provider=standin.api, name="standin-model", base_url=standin.base_url, api_key=key, max_retries=2,
        timeout_s=30, prices={"standin-model": price},
    )  # fmt: skip


def tool_results(api: str, body: dict[str, Any]) -> list[str]:
    """The tool results the model was sent in one request, in order."""
    if api == "openai":
        return [m["content"] for m in body["messages"] if m["role"] == "tool"]
    blocks = [b for m in body["messages"] if m["role"] == "user" for b in m["content"] if isinstance(b, dict)]
    return [b["content"] for b in blocks if b["type"] == "tool_result"]
