"""The exception tree that drives control flow.

- ``AgentfleetError``: the root; never raised directly.
- ``ConfigError``: a settings value or the fleet file is invalid. Raised at start, names the
  file, the field and the reason; the process refuses to run.
- ``TransientError``: worth retrying (a forge 502, Redis briefly gone, a model API 429). Tasks
  declare it in ``autoretry_for``; retries back off.
- ``PermanentError``: retrying cannot help (a repo that will not build, a patch that does not
  apply). Recorded in the ledger, the work item is marked failed, nothing is retried.
- ``PolicyViolation``: a boundary the humans set was hit (forbidden path, protected branch,
  budget). Recorded, never retried, never worked around.

Don't catch what you can't handle; every message says what is wrong and how to fix it.
"""

from __future__ import annotations

__all__ = [
    "AgentfleetError",
    "ConfigError",
    "PermanentError",
    "PolicyViolation",
    "TransientError",
]


class AgentfleetError(Exception):
    """Root of every error agentfleet raises on purpose."""


class ConfigError(AgentfleetError):
    """Settings or the fleet file are invalid; the message names file, field and reason."""


class TransientError(AgentfleetError):
    """A failure that a later attempt may not meet; tasks retry it with backoff."""


class PermanentError(AgentfleetError):
    """A failure no retry can fix; recorded and not retried."""


class PolicyViolation(PermanentError):
    """An action crossed a boundary the fleet's humans set; recorded and refused."""
