"""A probe that ends without its report says why, in words a user can act on."""

from __future__ import annotations

import pytest

from agentfleet.core.errors import PermanentError
from agentfleet.flow.fixers.repair.runner import run_probe

pytestmark = [pytest.mark.bwrap, pytest.mark.slow]

KILLS_ITSELF = """\
import os
import signal


def test_dies():
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_probe_killed_in_the_sandbox_is_reported_as_killed_not_as_missing_pytest(repo_of, boxes_for) -> None:
    # Given a suite whose test takes the probe down with SIGKILL, as the kernel's OOM killer does
    repo, sha = repo_of({"app.py": "X = 1\n", "test_app.py": KILLS_ITSELF}, name="killed")
    with boxes_for(repo, sha) as (box,), pytest.raises(PermanentError) as raised:
        # When the probe runs it
        run_probe(box, [], timeout=120)
    # Then the reason says it was killed and which limits may have done it, not that pytest is missing
    message = str(raised.value)
    assert "killed" in message
    assert "memory" in message
    assert "is pytest installed" not in message
