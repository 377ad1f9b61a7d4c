"""Host side of one gate run: send the supervisor into a sandbox and read back a report only it could write.

The host writes a spec file into the working copy (a fresh 256-bit nonce, what to run) and starts
``supervisor`` as the sandbox's first process. The supervisor deletes the spec before anything else
runs, so the nonce exists only in the host and in a non-dumpable process the sandbox user cannot read.
Its last act is one stdout line naming the report file and the report's HMAC under the nonce: a report
that is missing, rewritten or planted by the code under test does not verify, and the run fails.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import secrets
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

from agentfleet.contracts import SandboxResult
from agentfleet.core.errors import PermanentError
from agentfleet.sandboxes import Sandbox

__all__ = ["HARNESS_VERSION", "SPEC", "Harnessed", "Request", "run_harnessed"]

log = logging.getLogger(__name__)

SPEC = ".agentfleet-gate-spec.json"
"""Where the host writes the run's spec in the working copy (the supervisor reads and deletes it first)."""
_CODE = resources.files(__package__)
_SUPERVISOR = _CODE.joinpath("supervisor.py").read_text()
_CHILD = _CODE.joinpath("child.py").read_text()
HARNESS_VERSION = hashlib.sha256((_SUPERVISOR + _CHILD).encode()).hexdigest()[:16]
"""Changes whenever the in-sandbox code does (cached runs made by other code are not reused)."""
_MARGIN_S = 30.0
"""Time the sandbox allows past the supervisor's own deadline: killing leftovers and writing the report."""
_LINE = re.compile(r"^agentfleet-gate-report (\.agentfleet-gate-report-[0-9a-f]{16}\.json) ([0-9a-f]{64})$", re.M)


@dataclass(frozen=True)
class Request:
    """What one run executes: pytest with ``args``, a plain replay of ``file``, or a shell ``command``."""

    mode: Literal["pytest", "replay", "command"]
    args: tuple[str, ...] = ()
    file: str = ""
    command: str = ""

    def describe(self) -> str:
        """The run as one line for evidence."""
        if self.mode == "pytest":
            return "pytest " + " ".join(self.args)
        if self.mode == "replay":
            return f"plain python (no pytest): the test functions of {self.file}"
        return self.command


@dataclass(frozen=True)
class Harnessed:
    """A verified report (``None`` with a ``problem`` otherwise) and the supervisor's sandbox result."""

    report: dict[str, Any] | None
    problem: str | None
    result: SandboxResult


def _spec(request: Request, nonce: bytes, deadline_s: float) -> dict[str, Any]:
    return {
        "nonce": nonce.hex(),
        "mode": request.mode,
        "child": _CHILD,
        "command": request.command,
        "payload": {"args": list(request.args), "file": request.file},
        "deadline_s": deadline_s,
        "sandboxed": True,
    }


def _verified(box: Sandbox, stdout: str, nonce: bytes) -> tuple[dict[str, Any] | None, str]:
    """The report the supervisor published and its MAC verifies, else ``None`` and why a named one was unread."""
    unread = ""
    for name, mac in _LINE.findall(stdout):
        try:
            text = box.read(name)
        except PermanentError as exc:  # e.g. over the read cap: the problem says so and names the setting
            unread = f"the report the gate's supervisor published could not be read: {exc}"
            continue
        if hmac.compare_digest(hmac.new(nonce, text.encode(), hashlib.sha256).hexdigest(), mac):
            report: dict[str, Any] = json.loads(text)
            return report, ""
    return None, unread


def run_harnessed(box: Sandbox, request: Request, timeout: float) -> Harnessed:
    """Run ``request`` in ``box`` under the supervisor, at most ``timeout`` seconds; the verified report."""
    nonce = secrets.token_bytes(32)
    try:
        box.write(SPEC, json.dumps(_spec(request, nonce, timeout)))
    except OSError as exc:  # the working copy holds something else at the spec's path (a directory)
        raise PermanentError(f"cannot write the gate's spec into the working copy: {exc}") from None
    argv = ["python", "-I", "-S", "-B", "-c", _SUPERVISOR, SPEC]
    result = box.run(argv, timeout=timeout + _MARGIN_S)
    report, unread = _verified(box, result.stdout, nonce)
    if report is not None:
        return Harnessed(report, None, result)
    status = "timed out" if result.timed_out else f"killed ({result.killed_by})" if result.killed_by else "ended"
    missing = unread or "without the gate's supervisor publishing one"
    problem = (
        f"no verified report: the run {status} (exit {result.exit_code}) {missing}; a run whose report is "
        "missing or does not verify counts as failed"
    )
    log.warning("gate run without a report: %s", problem)
    return Harnessed(None, problem, result)
