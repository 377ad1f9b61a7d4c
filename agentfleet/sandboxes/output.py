"""Capped capture of a command's output: keep the head and the tail, count what was dropped."""

from __future__ import annotations

import os
import selectors
import time
from typing import IO

__all__ = ["CappedBuffer", "pump_pipes"]


class CappedBuffer:
    """Bytes written to one stream, keeping the first and last ``cap / 2`` bytes."""

    def __init__(self, cap: int) -> None:
        self.head_cap = cap // 2
        self.tail_cap = cap - self.head_cap
        self.head = bytearray()
        self.tail = bytearray()
        self.total = 0

    def feed(self, data: bytes) -> None:
        """Account for ``data`` written by the command."""
        self.total += len(data)
        room = self.head_cap - len(self.head)
        if room > 0:
            self.head += data[:room]
            data = data[room:]
        if data:
            self.tail += data[-self.tail_cap :]
            excess = len(self.tail) - self.tail_cap
            if excess > 0:
                del self.tail[:excess]

    @property
    def dropped(self) -> int:
        """Bytes neither in the head nor in the tail."""
        return self.total - len(self.head) - len(self.tail)

    def text(self) -> str:
        """Head, a marker naming the dropped byte count (if any), then the tail; invalid UTF-8 replaced."""
        marker = b""
        if self.dropped:
            marker = f"\n[... {self.dropped} bytes dropped by the sandbox output cap ...]\n".encode()
        return bytes(self.head + marker + self.tail).decode("utf-8", errors="replace")


def pump_pipes(pipes: dict[IO[bytes], CappedBuffer], deadline: float) -> bool:
    """Read every pipe into its buffer until all reach EOF (True) or ``deadline`` passes (False)."""
    with selectors.DefaultSelector() as sel:
        for pipe in pipes:
            os.set_blocking(pipe.fileno(), False)
            sel.register(pipe, selectors.EVENT_READ)
        while sel.get_map():
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            for key, _ in sel.select(min(left, 1.0)):
                chunk = os.read(key.fd, 1 << 16)
                if chunk:
                    pipes[key.fileobj].feed(chunk)  # type: ignore[index]
                else:
                    sel.unregister(key.fileobj)
    return True
