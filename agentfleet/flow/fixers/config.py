"""Model-provider settings (``AGENTFLEET_MODEL__*``) and the fleet file's ``[repos.agent]`` section."""

from __future__ import annotations

import re

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator

from agentfleet.contracts import Budget
from agentfleet.core.config_base import ComponentConfig
from agentfleet.core.errors import ConfigError
from agentfleet.mcp import SERVERS

__all__ = ["AgentRepoConfig", "ExternalServer", "ModelConfig", "ModelPrice"]

_NAME = r"^[a-z][a-z0-9-]{0,30}$"
_BUILTIN_SERVERS = {*SERVERS, "agent"}


class ModelPrice(ComponentConfig):
    """What one model costs, in USD per million tokens."""

    input_per_mtok: float = Field(ge=0)
    """Price of a million input (prompt) tokens."""
    output_per_mtok: float = Field(ge=0)
    """Price of a million output (completion) tokens."""

    def cost(self, input_tokens: int, output_tokens: int) -> float:
        """USD for one call with these token counts."""
        return (input_tokens * self.input_per_mtok + output_tokens * self.output_per_mtok) / 1_000_000


DEFAULT_PRICES: dict[str, ModelPrice] = {
    "claude-opus-4": ModelPrice(input_per_mtok=15.0, output_per_mtok=75.0),
    "claude-sonnet-4": ModelPrice(input_per_mtok=3.0, output_per_mtok=15.0),
    "claude-haiku-4": ModelPrice(input_per_mtok=1.0, output_per_mtok=5.0),
    "gpt-4.1": ModelPrice(input_per_mtok=2.0, output_per_mtok=8.0),
    "gpt-4o-mini": ModelPrice(input_per_mtok=0.15, output_per_mtok=0.6),
    "gpt-4o": ModelPrice(input_per_mtok=2.5, output_per_mtok=10.0),
    "scripted": ModelPrice(input_per_mtok=0.0, output_per_mtok=0.0),
}
"""List prices when this was written; check your provider's price page and override in settings."""


class ModelConfig(ComponentConfig):
    """Which LLM the agent fixer talks to; ``none`` means offline fixers only."""

    provider: str = "none"
    """``anthropic`` (Messages API), ``openai`` (any OpenAI-compatible endpoint), ``scripted`` or a dotted path."""
    name: str = ""
    """Model name as the provider knows it."""
    base_url: str | None = None
    """Endpoint override (vLLM, Ollama, llama.cpp server, a gateway)."""
    api_key: SecretStr | None = None
    """Provider API key; never enters a sandbox nor a trajectory."""
    max_retries: int = Field(default=4, ge=0, le=20)
    """Retries of one call on 408/409/429/5xx and connection errors (the client backs off)."""
    timeout_s: float = Field(default=120.0, gt=0)
    """Seconds one model call may take before it counts as failed (and is retried)."""
    max_output_tokens: int = Field(default=4096, ge=16)
    """Tokens the model may write in one reply."""
    temperature: float | None = Field(default=0.0, ge=0, le=2)
    """Sampling temperature; ``None`` leaves the provider's default."""
    prices: dict[str, ModelPrice] = Field(default_factory=dict)
    """Extra or overriding price table entries: model name (or name prefix) → price; ``0`` for local models."""
    script: str | None = None
    """For ``scripted``: a JSON file of model outputs to replay (``agentfleet trajectory ID --json`` writes one)."""

    def price(self) -> ModelPrice:
        """The price of ``name``: exact entry, else the longest matching prefix; ``ConfigError`` when none."""
        table = {**DEFAULT_PRICES, **self.prices}
        if self.name in table:
            return table[self.name]
        prefixes = sorted((key for key in table if self.name.startswith(key)), key=len, reverse=True)
        if prefixes:
            return table[prefixes[0]]
        raise ConfigError(
            f"model {self.name!r} has no price, so its cost budget cannot be enforced; add one with "
            f'AGENTFLEET_MODEL__PRICES=\'{{"{self.name}": {{"input_per_mtok": 3, "output_per_mtok": 15}}}}\' '
            "(use 0 and 0 for a local model)"
        )


class ExternalServer(ComponentConfig):
    """One external MCP server for the agent, like other MCP hosts' ``mcpServers`` entries."""

    command: str | None = None
    """Executable to launch over stdio (with ``args``); give this or ``url``."""
    args: list[str] = Field(default_factory=list)
    """Arguments of ``command``."""
    env: dict[str, str] = Field(default_factory=dict)
    """Extra environment of ``command``; it inherits only HOME, LOGNAME, PATH, SHELL, TERM and USER."""
    cwd: str | None = None
    """Working directory of ``command``."""
    url: str | None = Field(default=None, pattern=r"^https?://")
    """Streamable HTTP endpoint; give this or ``command``."""
    headers: dict[str, str] = Field(default_factory=dict)
    """HTTP headers sent to ``url`` (e.g. ``Authorization``)."""
    allow: list[str] = Field(validation_alias=AliasChoices("allow", "allowedTools", "allowed_tools"))
    """Tool names the model may see and call; every other tool of this server stays invisible."""
    timeout_s: float = Field(default=60.0, gt=0)
    """Seconds one call to this server may take."""

    @model_validator(mode="after")
    def _one_transport(self) -> ExternalServer:
        if (self.command is None) == (self.url is None):
            raise ValueError("give exactly one of 'command' (stdio) or 'url' (streamable HTTP)")
        if not self.allow:
            raise ValueError("'allow' lists no tool: name the tools the agent may call")
        return self


class AgentRepoConfig(ComponentConfig):
    """Fleet-file ``[repos.agent]``: per-repo agent options."""

    fixers: list[str] | None = None
    """Older spelling of ``[repos.fixers] fix_error``: the fixers tried in order for error work."""
    mcp_servers: dict[str, ExternalServer] = Field(
        default_factory=dict, validation_alias=AliasChoices("mcp_servers", "mcpServers")
    )
    """External MCP servers by name (``[repos.agent.mcp_servers.NAME]``), each with a tool allowlist."""
    instructions: str = ""
    """Repo-specific guidance appended to the agent's system prompt (trusted: written by the fleet's humans)."""
    budget: Budget = Field(default_factory=Budget)
    """Per work item: steps, tokens, cost and seconds a fixer may spend (``[repos.agent.budget]``)."""

    @field_validator("mcp_servers")
    @classmethod
    def _valid_names(cls, servers: dict[str, ExternalServer]) -> dict[str, ExternalServer]:
        for name in servers:
            if not re.match(_NAME, name):
                raise ValueError(f"MCP server name {name!r} must match {_NAME} (lower case, digits, '-')")
            if name in _BUILTIN_SERVERS:
                raise ValueError(f"MCP server name {name!r} is reserved for a built-in server; pick another")
        return servers
