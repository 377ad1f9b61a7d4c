"""Runs INSIDE the sandbox as the first process of a gate run (``python -I -S -B -c <this file> <spec>``).

Stdlib only; the host never imports this module, it sends its text (see ``harness``). In order:

1. It makes itself non-dumpable: code that runs later as the same uid can neither ptrace it nor read its
   memory, environment or descriptors through ``/proc``.
2. It reads the spec file the host wrote into the working copy (the run's nonce, the child's program and
   what to run) and deletes it before anything else runs, so the nonce lives only in this process.
3. It starts the child (``child``: pytest with the gate's recorder, a plain replay, or a command; the Python
   child with the sandbox's ``PYTHONHASHSEED`` and no other ``PYTHON*`` variable, so the tests named by a
   set's order keep their names from run to run) and sends
   it a fresh frame key over a pipe; the child's recorder writes one MAC'd frame per event on a second
   pipe, which this process reads and checks.
4. When the child has exited (or the deadline passed) it kills every other process of the sandbox user,
   writes the report under a fresh name nobody else could have created, and prints one line on its own
   stdout (which no other process holds): the report's name and its HMAC under the nonce.
"""

import ctypes
import hashlib
import hmac
import json
import os
import select
import signal
import sys
import time

_PR_SET_DUMPABLE = 4
_LINE_CAP = 16 << 20
"""Longest frame accepted (a collection frame lists every test id)."""
_TOTAL_CAP = 64 << 20
"""Most frame bytes kept; beyond it the report says ``overflow`` and the run fails."""
_GRACE_S = 0.5
"""How long frames are still read after the child exited (a frame may be in flight)."""
_BAD_KEPT = 5
_SCRUBBED = ("PYTEST_ADDOPTS", "PYTEST_PLUGINS")
"""Environment variables that would change the gate's pytest configuration; the child never sees them."""


def _non_dumpable():
    ctypes.CDLL(None).prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)


def _take(path):
    """The spec file's JSON, then the file is gone (nothing else has run yet)."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    chunks = []
    try:
        while chunk := os.read(fd, 1 << 16):
            chunks.append(chunk)
    finally:
        os.close(fd)
    os.unlink(path)
    return json.loads(b"".join(chunks))


def _spawn(spec, ctl_r, rep_w):
    """Fork the child: stdin from /dev/null, stdout and stderr onto this process's stderr."""
    env = {k: v for k, v in os.environ.items() if k not in _SCRUBBED}
    if spec["mode"] == "command":
        argv = ["/bin/sh", "-c", spec["command"]]
    else:
        # -s -P: the isolation of -I without its -E, which would ignore PYTHONHASHSEED; no other PYTHON* passes
        argv = [sys.executable, "-s", "-P", "-B", "-c", spec["child"], str(ctl_r), str(rep_w)]
        env = {k: v for k, v in env.items() if not k.startswith("PYTHON") or k == "PYTHONHASHSEED"}
    pid = os.fork()
    if pid == 0:
        try:
            devnull = os.open(os.devnull, os.O_RDONLY)
            os.dup2(devnull, 0)
            os.dup2(2, 1)
            keep = {0, 1, 2, ctl_r, rep_w}
            for fd in range(3, 1024):
                if fd not in keep:
                    try:
                        os.close(fd)
                    except OSError:
                        continue
            os.set_inheritable(ctl_r, True)
            os.set_inheritable(rep_w, True)
            signal.signal(signal.SIGPIPE, signal.SIG_DFL)
            os.execve(argv[0], argv, env)
        except BaseException as exc:  # report exec failures like a shell would
            os.write(2, f"gate supervisor: cannot start the child: {exc!r}\n".encode())
        os._exit(127)
    return pid


def _send_setup(ctl_w, spec, key):
    setup = {"key": key.hex(), "mode": spec["mode"], "payload": spec.get("payload")}
    try:
        data = json.dumps(setup).encode()
        while data:
            data = data[os.write(ctl_w, data) :]
    except OSError:
        pass  # the child died before reading its setup: its report will say so
    finally:
        os.close(ctl_w)


class Frames:
    """The frames read so far, each checked against the key and its position in the stream."""

    def __init__(self, key):
        self.key = key
        self.kept = []
        self.bad = []
        self.size = 0
        self.overflow = False
        self.pending = b""

    def feed(self, chunk):
        self.pending += chunk
        while b"\n" in self.pending:
            line, _, self.pending = self.pending.partition(b"\n")
            self._line(line)
        if len(self.pending) > _LINE_CAP:
            self._bad(self.pending[:200])
            self.pending = b""

    def _line(self, line):
        mac, _, data = line.partition(b" ")
        expected = hmac.new(self.key, b"%d:" % len(self.kept) + data, hashlib.sha256).hexdigest().encode()
        if not hmac.compare_digest(mac, expected):
            self._bad(line[:200])
            return
        self.size += len(data)
        if self.size > _TOTAL_CAP:
            self.overflow = True
            return
        self.kept.append(json.loads(data))

    def _bad(self, line):
        if len(self.bad) < _BAD_KEPT:
            self.bad.append(line.decode("utf-8", "replace"))
        else:
            self.bad.append("")


def _collect(pid, rep_r, frames, deadline):
    """Read frames until the child exited (plus a grace) or the deadline; its wait status or ``None``."""
    status = None
    until = deadline
    open_ = True
    while time.monotonic() < until:
        if open_:
            ready, _, _ = select.select([rep_r], [], [], max(0.0, min(0.05, until - time.monotonic())))
            if ready:
                chunk = os.read(rep_r, 1 << 16)
                if chunk:
                    frames.feed(chunk)
                else:
                    open_ = False
        else:
            time.sleep(0.005)
        if status is None:
            done, code = os.waitpid(pid, os.WNOHANG)
            if done:
                status = code
                until = min(deadline, time.monotonic() + _GRACE_S)
        if status is not None and not open_:
            break
    return status


def _others(me):
    found = []
    uid = os.getuid()
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) in (1, me):
            continue
        try:
            with open(f"/proc/{name}/status") as status:
                fields = dict(line.split(":", 1) for line in status if ":" in line)
        except OSError:
            continue
        if int(fields["Uid"].split()[0]) == uid and not fields["State"].strip().startswith(("Z", "X")):
            found.append(int(name))
    return found


def _kill_others(sandboxed):
    """SIGKILL every process of this uid but pid 1 and this one (only ever inside a sandbox, never as root)."""
    if not sandboxed or os.getuid() == 0:
        return
    me = os.getpid()
    for _ in range(200):
        left = _others(me)
        if not left:
            return
        for pid in left:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                continue
        _reap()
        time.sleep(0.005)


def _reap():
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _exit_of(status):
    if status is None:
        return None
    return -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


def _publish(nonce, report):
    """Write the report under a fresh name and print its name and HMAC: the line the host trusts."""
    data = json.dumps(report, sort_keys=True).encode()
    name = f".agentfleet-gate-report-{os.urandom(8).hex()}.json"
    mac = hmac.new(nonce, data, hashlib.sha256).hexdigest()
    fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    try:
        while data:
            data = data[os.write(fd, data) :]
    finally:
        os.close(fd)
    os.write(1, f"agentfleet-gate-report {name} {mac}\n".encode())


def main(spec_path):
    _non_dumpable()
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    spec = _take(spec_path)
    nonce = bytes.fromhex(spec["nonce"])
    started = time.monotonic()
    deadline = started + float(spec["deadline_s"])
    key = os.urandom(32)
    ctl_r, ctl_w = os.pipe()
    rep_r, rep_w = os.pipe()
    pid = _spawn(spec, ctl_r, rep_w)
    os.close(ctl_r)
    os.close(rep_w)
    _send_setup(ctl_w, spec, key)
    frames = Frames(key)
    status = _collect(pid, rep_r, frames, deadline)
    if status is None:
        os.kill(pid, signal.SIGKILL)
        status = os.waitpid(pid, 0)[1]
        timed_out = True
    else:
        timed_out = False
    _kill_others(spec.get("sandboxed") is True)
    report = {
        "version": 1,
        "mode": spec["mode"],
        "frames": frames.kept,
        "bad_frames": len(frames.bad),
        "bad_samples": [b for b in frames.bad if b],
        "overflow": frames.overflow,
        "timed_out": timed_out,
        "exit": _exit_of(status),
        "seconds": round(time.monotonic() - started, 3),
    }
    _publish(nonce, report)


if __name__ == "__main__":
    main(sys.argv[1])
