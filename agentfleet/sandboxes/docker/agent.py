"""The Docker backend's in-container command runner (pid 1, the sandbox uid, stdlib only).

The host never imports this module: it passes its text to ``python3 -c`` as the container's
command. It listens on a unix socket in the container's ``/tmp``, accepts exactly one connection
(the host connects before any untrusted code runs, then deletes the socket file), and serves one
command at a time: fork, stream stdout/stderr back in frames, enforce the timeout, then SIGKILL
every other process in the container so nothing outlives its command. It marks itself
non-dumpable, so code running as the same uid cannot ptrace it, and as pid 1 it ignores signals
sent from inside the container. When the host disconnects it exits, which stops the container.

Frames to the host: one byte kind (``o`` stdout, ``e`` stderr, ``x`` exit JSON) + 4-byte length.
"""

import contextlib
import ctypes
import json
import os
import select
import signal
import socket
import struct
import sys
import time

_PR_SET_DUMPABLE = 4


def _send(conn, kind, data):
    conn.sendall(struct.pack("!cI", kind, len(data)) + data)


def _spawn(request, out_w, err_w):
    pid = os.fork()
    if pid == 0:
        try:
            os.setsid()
            devnull = os.open(os.devnull, os.O_RDONLY)
            os.dup2(devnull, 0)
            os.dup2(out_w, 1)
            os.dup2(err_w, 2)
            os.closerange(3, 65536)
            os.chdir(request["cwd"])
            signal.signal(signal.SIGPIPE, signal.SIG_DFL)
            os.execvpe(request["argv"][0], request["argv"], request["env"])
        except BaseException as exc:  # report exec failures like a shell would
            os.write(2, f"sandbox: cannot run {request['argv'][0]!r}: {exc}\n".encode())
        os._exit(127)
    return pid


def _reap(main_pid, status):
    """Collect every finished child; returns the main child's wait status once it is known."""
    while True:
        try:
            pid, code = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return status
        if pid == 0:
            return status
        if pid == main_pid:
            status = code


def _pump(conn, streams, until):
    """Forward output until every stream is closed or ``until`` passes."""
    while streams and time.monotonic() < until:
        ready, _, _ = select.select(list(streams), [], [], max(0.0, min(0.01, until - time.monotonic())))
        for fd in ready:
            chunk = os.read(fd, 65536)
            if chunk:
                _send(conn, streams[fd], chunk)
            else:
                os.close(fd)
                del streams[fd]
        if not ready:
            return


def _kill_others():
    with contextlib.suppress(ProcessLookupError):  # ESRCH: nothing else was running
        os.kill(-1, signal.SIGKILL)  # every process but pid 1 (this one)


def _run(conn, request):
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    pid = _spawn(request, out_w, err_w)
    os.close(out_w)
    os.close(err_w)
    deadline = time.monotonic() + request["timeout"]
    streams = {out_r: b"o", err_r: b"e"}
    status = None
    while status is None and time.monotonic() < deadline:
        _pump(conn, streams, deadline)
        status = _reap(pid, status)
        if not streams and status is None:
            time.sleep(0.001)
    timed_out = status is None
    _kill_others()
    if status is None:
        status = os.waitpid(pid, 0)[1]
    _pump(conn, streams, time.monotonic() + 1.0)
    for fd in streams:
        os.close(fd)
    _reap(pid, status)
    code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
    _send(conn, b"x", json.dumps({"exit_code": code, "timed_out": timed_out}).encode())


def main(path):
    ctypes.CDLL(None).prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(1)
    conn, _ = server.accept()
    server.close()
    for line in conn.makefile("rb"):
        _run(conn, json.loads(line))


if __name__ == "__main__":
    main(sys.argv[1])
