"""The bubblewrap command line: namespaces, mounts and the environment of one sandboxed command."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from agentfleet.sandboxes.layout import WORKDIR

__all__ = ["Mount", "Spec", "bwrap_argv", "write_identity_files"]

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
    identity_dir: Path
    """Holds the synthesized ``passwd`` and ``group``."""
    work: Path
    tmp: Path | None
    """Host directory for /tmp, or ``None`` for a private tmpfs of ``tmp_bytes``."""
    tmp_bytes: int
    env: Mapping[str, str]
    mounts: Sequence[Mount] = ()
    network: bool = False
    extra_etc: Sequence[str] = field(default_factory=tuple)


def write_identity_files(directory: Path, uid: int) -> Path:
    """``passwd`` and ``group`` naming only root, the sandbox user and nobody (no host accounts)."""
    directory.mkdir(parents=True, exist_ok=True)
    files = {
        "passwd": f"root:x:0:0::/root:/usr/sbin/nologin\nsandbox:x:{uid}:{uid}::/tmp:/bin/sh\n"
        "nobody:x:65534:65534::/nonexistent:/usr/sbin/nologin\n",
        "group": f"root:x:0:\nsandbox:x:{uid}:\nnogroup:x:65534:\n",
    }
    for name, text in files.items():
        path = directory / name
        if not path.exists() or path.read_text() != text:
            tmp = path.with_suffix(f".{os.getpid()}")
            tmp.write_text(text)
            tmp.replace(path)
    return directory


def _filesystem(spec: Spec) -> list[str]:
    args = ["--ro-bind", "/usr", "/usr"]
    for name in ("bin", "lib", "lib64", "sbin"):
        args += ["--symlink", f"usr/{name}", f"/{name}"]
    args += ["--proc", "/proc", "--dev", "/dev", "--dir", "/etc"]
    for name in (*_ETC, *(_NET_ETC if spec.network else ()), *spec.extra_etc):
        args += ["--ro-bind-try", f"/etc/{name}", f"/etc/{name}"]
    for name in ("passwd", "group"):
        args += ["--ro-bind", str(spec.identity_dir / name), f"/etc/{name}"]
    args += ["--bind", str(spec.work), WORKDIR]
    if spec.tmp is not None:
        args += ["--bind", str(spec.tmp), "/tmp"]
    else:
        args += ["--size", str(spec.tmp_bytes), "--perms", "1777", "--tmpfs", "/tmp"]
    for mount in spec.mounts:
        args += ["--bind" if mount.writable else "--ro-bind", str(mount.source), mount.dest]
    return [*args, "--remount-ro", "/"]


def bwrap_argv(binary: str, spec: Spec, argv: Sequence[str]) -> list[str]:
    """The full ``bwrap ... -- argv`` command line for ``spec``."""
    args = [
        binary,
        "--unshare-all",
        "--unshare-user",
        "--disable-userns",
        "--uid",
        str(spec.uid),
        "--gid",
        str(spec.uid),
        "--hostname",
        "sandbox",
        "--die-with-parent",
        "--new-session",
        "--cap-drop",
        "ALL",
        "--clearenv",
    ]
    if spec.network:
        args.append("--share-net")
    for name, value in spec.env.items():
        args += ["--setenv", name, value]
    return [*args, *_filesystem(spec), "--chdir", WORKDIR, "--", *argv]
