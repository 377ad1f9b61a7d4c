"""Fix-agent fixtures (see agent_kit.py and provider_standins.py)."""

from agent.agent_kit import agent_data, make_sample  # noqa: F401  (fixtures)
