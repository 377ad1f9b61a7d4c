"""The bubblewrap command line: namespaces, mounts and the environment of one sandboxed command."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from agentfleet.sandboxes.layout import WORKDIR

__all__ = ["Fds", "Mount", "Spec", "bwrap_argv"]

_ETC = (
    "ld.so.cache",
    "ld.so.conf",
    "ld.so.conf.d",
    "alternatives",
    "localtime",
    "nsswitch.conf",
    "hosts",
    "host.conf",
    "os-release",
    "mime.types",
)
"""Host /etc entries every sandbox sees (read-only); nothing secret, nothing about users."""
_NET_ETC = (
    "resolv.conf",
    "gai.conf",
    "services",
    "protocols",
    "ssl",
    "ca-certificates",
    "ca-certificates.conf",
    "pip.conf",
)
"""Extra entries for the prepare step, which may reach a package index."""


@dataclass(frozen=True)
class Mount:
    """A host directory made visible inside the sandbox."""

    source: Path
    dest: str
    writable: bool = False


@dataclass
class Spec:
    """Everything that varies between two bwrap invocations."""

    uid: int
    work: Path
    tmp: Path | None
    """Host directory for /tmp, or ``None`` for a private tmpfs of ``tmp_bytes``."""
    tmp_bytes: int
    env: Mapping[str, str]
    mounts: Sequence[Mount] = ()
    network: bool = False
    setpriv: str | None = None
    """Path of ``setpriv`` when bwrap runs as root (then it drops to ``uid`` itself), else ``None``."""


class Fds:
    """Data handed to bwrap through descriptors (memfds), closed once bwrap has started."""

    def __init__(self) -> None:
        self.fds: list[int] = []

    def data(self, text: str) -> str:
        """A descriptor reading ``text``, as a bwrap argument."""
        fd = os.memfd_create("bwrap-data", os.MFD_CLOEXEC)
        os.write(fd, text.encode())
        os.lseek(fd, 0, os.SEEK_SET)
        self.fds.append(fd)
        return str(fd)

    def close(self) -> None:
        """Close every descriptor (once bwrap has started)."""
        for fd in self.fds:
            os.close(fd)
        self.fds.clear()


def _identity(uid: int) -> dict[str, str]:
    """``passwd`` and ``group`` naming only root, the sandbox user and nobody (no host accounts)."""
    return {
        "passwd": f"root:x:0:0::/root:/usr/sbin/nologin\nsandbox:x:{uid}:{uid}::/tmp:/bin/sh\n"
        "nobody:x:65534:65534::/nonexistent:/usr/sbin/nologin\n",
        "group": f"root:x:0:\nsandbox:x:{uid}:\nnogroup:x:65534:\n",
    }


def _filesystem(spec: Spec, fds: Fds) -> list[str]:
    args = ["--ro-bind", "/usr", "/usr"]
    for name in ("bin", "lib", "lib64", "sbin"):
        args += ["--symlink", f"usr/{name}", f"/{name}"]
    args += ["--proc", "/proc", "--dev", "/dev", "--dir", "/etc"]
    for name in (*_ETC, *(_NET_ETC if spec.network else ())):
        args += ["--ro-bind-try", f"/etc/{name}", f"/etc/{name}"]
    for name, text in _identity(spec.uid).items():
        args += ["--ro-bind-data", fds.data(text), f"/etc/{name}"]
    args += ["--bind", str(spec.work), WORKDIR]
    if spec.tmp is not None:
        args += ["--bind", str(spec.tmp), "/tmp"]
    else:
        args += ["--size", str(spec.tmp_bytes), "--perms", "1777", "--tmpfs", "/tmp"]
    for parent in sorted({str(Path(m.dest).parent) for m in spec.mounts}):
        args += ["--perms", "0755", "--dir", str(Path(parent).parent), "--perms", "0755", "--dir", parent]
    for mount in spec.mounts:
        args += ["--bind" if mount.writable else "--ro-bind", str(mount.source), mount.dest]
    return [*args, "--remount-ro", "/"]


def _namespaces(spec: Spec) -> list[str]:
    """Root host: every namespace but the user one (uids stay real, so the sandbox uid is unprivileged on
    the host too). Other hosts: an unprivileged user namespace mapping the sandbox uid to the caller."""
    if spec.setpriv is not None:
        args = ["--unshare-ipc", "--unshare-pid", "--unshare-uts", "--unshare-cgroup-try"]
        return args if spec.network else [*args, "--unshare-net"]
    args = [
        "--unshare-all",
        "--unshare-user",
        "--disable-userns",
        "--uid",
        str(spec.uid),
        "--gid",
        str(spec.uid),
        "--cap-drop",
        "ALL",
    ]
    return [*args, "--share-net"] if spec.network else args


def _drop_to_uid(spec: Spec) -> list[str]:
    """Inside a root-run bwrap: become the sandbox uid with no capabilities and no-new-privileges."""
    if spec.setpriv is None:
        return []
    uid = str(spec.uid)
    return [
        spec.setpriv,
        f"--reuid={uid}",
        f"--regid={uid}",
        "--clear-groups",
        "--inh-caps=-all",
        "--ambient-caps=-all",
        "--bounding-set=-all",
        "--no-new-privs",
        "--",
    ]


def bwrap_argv(binary: str, spec: Spec, argv: Sequence[str], fds: Fds) -> list[str]:
    """The full ``bwrap ... -- argv`` command line for ``spec``; descriptors it needs are added to ``fds``."""
    args = [binary, *_namespaces(spec), "--hostname", "sandbox", "--die-with-parent", "--new-session", "--clearenv"]
    for name, value in spec.env.items():
        args += ["--setenv", name, value]
    return [*args, *_filesystem(spec, fds), "--chdir", WORKDIR, "--", *_drop_to_uid(spec), *argv]
