"""The one way the host reads a file that sandboxed code could have written.

Anything under a box's workspace or ``/tmp`` is hostile: the code may have replaced the file with a
FIFO (a plain ``open`` would wait forever for a writer), a symlink, a socket or a device, or grown it
to gigabytes. ``read_untrusted`` opens without blocking and without following a final symlink,
accepts a regular file only, and refuses one over the cap before reading a byte of it.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from agentfleet.core.errors import PermanentError

__all__ = ["read_untrusted"]

_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_NOCTTY | os.O_CLOEXEC
_KINDS = {
    stat.S_IFIFO: "a FIFO",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFDIR: "a directory",
    stat.S_IFLNK: "a symbolic link",
}


def _open(path: Path, name: str) -> int:
    try:
        return os.open(path, _FLAGS)
    except (FileNotFoundError, NotADirectoryError):
        raise PermanentError(f"{name!r} is not a file in the sandbox workspace") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # O_NOFOLLOW met a symlink swapped in after the path was resolved
            raise PermanentError(f"{name!r} is not a regular file (a symbolic link); refusing to read it") from None
        raise PermanentError(f"{name!r} cannot be opened: {exc.strerror}") from None


def read_untrusted(path: Path, limit: int, *, name: str | None = None, setting: str = "") -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    ``PermanentError`` (never a hang) for anything else: a missing file, a FIFO, socket, device,
    directory or symlink, or a file over ``limit`` bytes (the message names ``setting``, which raises it).
    ``name`` is how messages call the file (default: the path).
    """
    name = name or str(path)
    fd = _open(path, name)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = _KINDS.get(stat.S_IFMT(info.st_mode), "not a file")
            raise PermanentError(f"{name!r} is not a regular file ({kind}); refusing to read it")
        too_big = f"{name!r} is over the {limit}-byte limit for files read back from a sandbox"
        hint = f"; raise {setting} to read it" if setting else ""
        if info.st_size > limit:
            raise PermanentError(f"{too_big} ({info.st_size} bytes){hint}")
        chunks, size = [], 0
        while chunk := os.read(fd, min(1 << 20, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # it grew after fstat
                raise PermanentError(f"{too_big}{hint}")
        return b"".join(chunks)
    finally:
        os.close(fd)
