"""The environment handed to a child process: the only other place that reads ``os.environ``.

It passes the parent's environment through (PATH, locale, proxies) and never reads settings from it:
settings come from ``settings.py``. A leaf: importing it loads nothing of agentfleet's.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

__all__ = ["child_environment"]


def child_environment(overrides: Mapping[str, str], *, keep_agentfleet: bool = True) -> dict[str, str]:
    """The environment for a child process: this one's, plus ``overrides``.

    ``keep_agentfleet=False`` drops every ``AGENTFLEET_*`` variable first (for processes that are not
    part of the fleet, such as a sample application, so no setting or secret leaks into them).
    """
    base = {k: v for k, v in os.environ.items() if keep_agentfleet or not k.startswith("AGENTFLEET_")}
    return {**base, **overrides}
