"""Host side of the Docker backend's command channel (see ``agent``)."""

from __future__ import annotations

import json
import os
import socket
import struct
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from agentfleet.core.errors import TransientError
from agentfleet.sandboxes.output import CappedBuffer

__all__ = ["AgentChannel", "Outcome"]

_HEADER = struct.Struct("!cI")


@dataclass
class Outcome:
    """What the agent reported for one command."""

    exit_code: int
    timed_out: bool
    stdout: CappedBuffer
    stderr: CappedBuffer
    lost: bool = False
    """The agent stopped answering (the host's backstop fired); the container must be killed."""


_GRACE_S = 10.0
"""How long past its own timeout the agent may take to report an outcome (it kills, then reports)."""


class AgentChannel:
    """The one connection to a container's agent, made before any untrusted code ran."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock

    @classmethod
    def connect(cls, path: Path, timeout: float = 15.0) -> AgentChannel:
        """Connect to the agent's socket at host path ``path``, then delete it so nobody else can."""
        deadline = time.monotonic() + timeout
        # A socket address holds ~108 bytes; reach the socket through its directory's descriptor so a
        # long data dir path still fits.
        directory = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            while True:
                sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                try:
                    sock.connect(f"/proc/self/fd/{directory}/{path.name}")
                    break
                except (FileNotFoundError, ConnectionRefusedError):
                    sock.close()
                    if time.monotonic() > deadline:
                        why = f"the sandbox agent did not listen on {path} within {timeout:.0f}s"
                        raise TransientError(why) from None
                    time.sleep(0.002)
        finally:
            os.close(directory)
        path.unlink()
        return cls(sock)

    def _recv(self, size: int) -> bytes:
        data = bytearray()
        while len(data) < size:
            chunk = self.sock.recv(size - len(data))
            if not chunk:
                raise ConnectionError("the sandbox agent closed the connection")
            data += chunk
        return bytes(data)

    def run(self, argv: Sequence[str], env: Mapping[str, str], cwd: str, timeout: float, cap: int) -> Outcome:
        """Run ``argv`` through the agent; the host gives up ``_GRACE_S`` seconds after the agent should have
        reported (then the outcome is ``lost``)."""
        request = {"argv": list(argv), "env": dict(env), "cwd": cwd, "timeout": timeout}
        outcome = Outcome(exit_code=-9, timed_out=True, stdout=CappedBuffer(cap), stderr=CappedBuffer(cap))
        buffers = {b"o": outcome.stdout, b"e": outcome.stderr}
        deadline = time.monotonic() + timeout + _GRACE_S
        try:
            self.sock.sendall(json.dumps(request).encode() + b"\n")
            while True:
                self.sock.settimeout(max(0.01, deadline - time.monotonic()))
                kind, size = _HEADER.unpack(self._recv(_HEADER.size))
                payload = self._recv(size)
                if kind == b"x":
                    report = json.loads(payload)
                    outcome.exit_code, outcome.timed_out = int(report["exit_code"]), bool(report["timed_out"])
                    return outcome
                buffers[kind].feed(payload)
        except (OSError, ConnectionError, ValueError, KeyError):
            outcome.lost = True
            return outcome

    def close(self) -> None:
        """Hang up: the agent exits and the container stops."""
        self.sock.close()
