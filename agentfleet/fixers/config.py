"""Model-provider settings (``AGENTFLEET_MODEL__*``)."""

from __future__ import annotations

from typing import Literal

from pydantic import SecretStr

from agentfleet.config_base import ComponentConfig

__all__ = ["ModelConfig"]


class ModelConfig(ComponentConfig):
    """Which LLM the agent fixer talks to; ``none`` means offline fixers only."""

    provider: Literal["none", "anthropic", "openai"] = "none"
    """``anthropic`` (Messages API) or ``openai`` (any OpenAI-compatible endpoint)."""
    name: str = ""
    """Model name as the provider knows it."""
    base_url: str | None = None
    """Endpoint override (vLLM, Ollama, llama.cpp server, a gateway)."""
    api_key: SecretStr | None = None
    """Provider API key; never enters a sandbox."""


class AgentRepoConfig(ComponentConfig):
    """Fleet-file ``[repos.agent]``: per-repo agent options."""

    fixers: list[str] = ["repair", "agent"]
    """Fixers tried in order for error work; ``agent`` is skipped when no model is configured."""
