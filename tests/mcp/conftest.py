"""MCP server fixtures: the agent kit's sample bug and the sandbox kit's backends."""

from agent.agent_kit import agent_data, make_sample  # noqa: F401  (fixtures)
from sandboxes.kit import backend  # noqa: F401  (fixture)
