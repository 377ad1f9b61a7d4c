"""agentfleet: a fleet of autonomous maintenance agents, verified before they reach a human."""

__version__ = "0.1.0"
