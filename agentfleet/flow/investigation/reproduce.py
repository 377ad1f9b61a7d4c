"""Try to reproduce an error: run the related tests inside the sandbox and look for the same exception."""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence

from agentfleet.contracts import Reproduction
from agentfleet.core.fleet import RepoConfig
from agentfleet.sandboxes import Sandbox

__all__ = ["reproduce", "test_command"]

OUTPUT_TAIL = 4000


def test_command(repo: RepoConfig, tests: Sequence[str]) -> str:
    """The repo's test command narrowed to ``tests`` when it is pytest (else the whole suite)."""
    if "pytest" in repo.test:
        return f"{repo.test} {' '.join(shlex.quote(t) for t in tests)}"
    return repo.test


def _raised(output: str, exception_type: str) -> bool:
    """Whether ``output`` shows ``exception_type`` being raised (its bare or dotted name)."""
    name = re.escape(exception_type.rpartition(".")[2])
    return re.search(rf"(^|[\s.:]){name}(:|\b)", output, flags=re.MULTILINE) is not None


def reproduce(box: Sandbox, repo: RepoConfig, tests: Sequence[str], exception_type: str) -> Reproduction:
    """Run ``tests`` in ``box``: reproduced when they fail and the output shows ``exception_type``."""
    if not tests:
        return Reproduction(attempted=False, note="no related tests found")
    command = test_command(repo, tests)
    result = box.run(command)
    output = (result.stdout + "\n" + result.stderr).strip()
    tail = output[-OUTPUT_TAIL:]
    if result.timed_out or result.killed_by:
        note = f"the tests were stopped ({result.killed_by or 'timeout'}); inconclusive"
        return Reproduction(attempted=True, command=command, exit_code=result.exit_code, output=tail, note=note)
    if result.ok:
        note = "the related tests pass: the failure needs inputs or state the tests do not cover"
        return Reproduction(
            attempted=True, reproduced=False, command=command, exit_code=result.exit_code, output=tail, note=note
        )
    same = _raised(output, exception_type)
    note = f"a test failed with {exception_type}" if same else f"tests failed, but not with {exception_type}"
    return Reproduction(
        attempted=True, reproduced=same, command=command, exit_code=result.exit_code, output=tail, note=note
    )
