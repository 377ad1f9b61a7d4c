"""Runs INSIDE the sandbox (``python -c <this file> <mode> <spec>``): stdlib, pytest and, if present, coverage.

The repair engine never imports this module; it sends its text to the sandbox. Modes, each on a JSON spec
file in the working copy (results go to stdout or to the spec's ``out``):

- ``probe``: run the selected tests once: outcomes, durations, the lines each test ran (coverage.py, unless
  the spec turns it off), each failure's in-repo frames; a per-test time limit and an address-space limit.
- ``batch``: per candidate, write its file, run the selected tests in a forked child (pytest imported once),
  when they pass the suite (``suite_args``, less the ``known_failures`` that failed before any change) in
  a second one, restore the file, print a JSON line with how the first failing test failed.
- ``reproduce``: call one function (or a method, ``owner``) with each argument list of Python literals in
  a forked child and print what it raised and where: the search for a call that crashes like production.
"""

import ast
import importlib
import json
import os
import re
import resource
import signal
import sys
import time
import traceback

import pytest

ROOT = os.getcwd()
PYTEST_ARGS = ["-q", "-p", "no:cacheprovider", "-p", "no:randomly", "--tb=no"]


def _relative(filename):
    path = os.path.abspath(filename)
    return os.path.relpath(path, ROOT) if path.startswith(ROOT + os.sep) else None


class TestTimeout(Exception):
    """Raised inside a test that ran past the probe's per-test limit."""


def _alarm(signum, frame):
    raise TestTimeout("the test ran past the repair probe's per-test time limit")


class Probe:
    """A pytest plugin recording outcomes, durations, crash frames and (with coverage) one context per
    test; a test running past ``limit`` seconds is interrupted (it fails) so one hang cannot stop the probe.
    Once one has hung, the others get ``after_hang`` seconds (default: ``limit``, no change): the bug
    probably hangs them too. The coverage monitor's probe subclasses this one."""

    def __init__(self, cov, limit, after_hang=None):
        self.cov = cov
        self.limit = limit
        self.after_hang = limit if after_hang is None else after_hang
        self.outcomes = {}
        self.seconds = {}
        self.timeouts = []
        self.crashes = {}

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_call(self, item):
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, self.limit)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item, nextitem):
        if self.cov is not None:
            self.cov.switch_context(item.nodeid)
        yield
        if self.cov is not None:
            self.cov.switch_context("")

    def pytest_collectreport(self, report):
        if report.failed and report.nodeid:
            self.outcomes[report.nodeid] = "failed"

    def pytest_runtest_logreport(self, report):
        self.seconds[report.nodeid] = self.seconds.get(report.nodeid, 0.0) + report.duration
        if report.failed:
            self.outcomes[report.nodeid] = "failed"
        elif report.when == "call" or report.skipped:
            self.outcomes.setdefault(report.nodeid, "skipped" if report.skipped else "passed")

    def pytest_exception_interact(self, node, call, report):
        frames = [(_relative(f.filename), f.lineno, f.name) for f in traceback.extract_tb(call.excinfo.tb)]
        kind = call.excinfo.type.__name__
        if kind == TestTimeout.__name__:
            self.timeouts.append(node.nodeid)
            self.limit = min(self.limit, self.after_hang)
        self.crashes[node.nodeid] = {"type": kind, "frames": [f for f in frames if f[0] is not None]}


def _lines(cov, tests):
    index = {nodeid: i for i, nodeid in enumerate(tests)}
    data = cov.get_data()
    found = {}
    for filename in data.measured_files():
        rel = _relative(filename)
        if rel is not None:
            per_line = {
                n: sorted(index[c] for c in ctxs if c in index) for n, ctxs in data.contexts_by_lineno(filename).items()
            }
            found[rel] = {line: ids for line, ids in per_line.items() if ids}
    return found


def probe(spec):
    if spec.get("memory_bytes"):
        resource.setrlimit(resource.RLIMIT_AS, (spec["memory_bytes"], spec["memory_bytes"]))
    try:
        import coverage
    except ImportError:
        coverage = None
    cov = None
    if coverage is not None and spec.get("coverage", True):  # off: outcomes only, at the speed of a plain run
        cov = coverage.Coverage(data_file=None, config_file=False, include=[os.path.join(ROOT, "*")])
        cov.start()
    limit = spec.get("test_timeout", 10.0)
    plugin = Probe(cov, limit, spec.get("hung_test_timeout", limit))
    started = time.monotonic()
    code = pytest.main([*PYTEST_ARGS, *spec["tests"]], plugins=[plugin])
    elapsed = time.monotonic() - started
    if cov is not None:
        cov.stop()
    tests = sorted(plugin.outcomes)
    result = {
        "exit": int(code),
        "seconds": elapsed,
        "tests": [[t, plugin.outcomes[t]] for t in tests],
        "durations": {t: round(plugin.seconds.get(t, 0.0), 4) for t in tests},
        "timeouts": plugin.timeouts,
        "crashes": plugin.crashes,
        "coverage": _lines(cov, tests) if cov is not None else None,
    }
    with open(spec["out"], "w") as out:
        json.dump(result, out)


def _wait(pid, timeout):
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return "timeout"
        time.sleep(0.002)


ADDRESS = re.compile(r"0x[0-9a-fA-F]+")


class FirstFailure:
    """Writes how the first failing test failed (its id and the exception's message) to a pipe."""

    def __init__(self, fd):
        self.fd = fd
        self.done = False

    def _note(self, report):
        if self.done or not report.failed:
            return
        self.done = True
        crash = getattr(report.longrepr, "reprcrash", None)
        message = crash.message if crash is not None else str(report.longrepr)[-400:]
        text = f"{report.nodeid}|{ADDRESS.sub('0x', message)}"[:400]
        os.write(self.fd, text.encode("utf-8", "replace"))

    def pytest_runtest_logreport(self, report):
        self._note(report)

    def pytest_collectreport(self, report):
        self._note(report)


class LeaveOut:
    """Deselects the tests with these exact node ids (``--deselect`` matches prefixes: ``t[1]`` hits ``t[10]``)."""

    def __init__(self, ids):
        self.ids = set(ids)

    def pytest_collection_modifyitems(self, config, items):
        items[:] = [item for item in items if item.nodeid not in self.ids]


def _child(args, memory_bytes, fd, leave_out=()):
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    try:
        if memory_bytes:
            resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        plugins = [LeaveOut(leave_out), *([FirstFailure(fd)] if fd is not None else [])]
        code = pytest.main([*PYTEST_ARGS, *args], plugins=plugins)
    except BaseException:
        code = 3
    os._exit(int(code))


def _forked(args, timeout, memory_bytes, failure=False, leave_out=()):
    """Exit status of pytest run on ``args`` (less the tests ``leave_out`` names) in a forked child, or
    ``"timeout"``; with ``failure``, also how the first failing test failed (``None`` when none did)."""
    read, write = os.pipe() if failure else (None, None)
    pid = os.fork()
    if pid == 0:
        if read is not None:
            os.close(read)
        _child(args, memory_bytes, write, leave_out)
    if write is not None:
        os.close(write)
    status = _wait(pid, timeout)
    if read is None:
        return status
    with os.fdopen(read, "rb") as pipe:
        text = pipe.read(400).decode("utf-8", "replace") or None
    return status, "timeout" if status == "timeout" else text


def batch(spec):
    memory = spec.get("memory_bytes", 0)
    suite_args, leave_out = spec.get("suite_args", []), spec.get("known_failures", ())
    for candidate in spec["candidates"]:
        path = os.path.join(ROOT, candidate["path"])
        with open(path) as handle:
            original = handle.read()
        with open(path, "w") as handle:
            handle.write(candidate["source"])
        started = time.monotonic()
        outcome, failure = _forked(["-x", *spec["tests"]], spec["timeout"], memory, failure=True)
        run_suite = outcome == 0 and spec.get("suite")
        suite = _forked(suite_args, spec["suite_timeout"], memory, leave_out=leave_out) if run_suite else None
        with open(path, "w") as handle:
            handle.write(original)
        seconds = round(time.monotonic() - started, 4)
        row = {"id": candidate["id"], "exit": outcome, "suite": suite, "seconds": seconds, "failure": failure}
        sys.stdout.write(json.dumps(row) + "\n")
        sys.stdout.flush()


def _shown(value):
    """What a call returned, as short text (for comparing two versions of a function)."""
    try:
        return repr(value)[:300]
    except Exception:  # broad: a hostile or broken __repr__ must not lose the row
        return "<unrepresentable>"


def _call(function, args):
    call = ast.parse("f(" + ", ".join(args) + ")", mode="eval").body
    keywords = {k.arg: ast.literal_eval(k.value) for k in call.keywords}
    return function(*[ast.literal_eval(arg) for arg in call.args], **keywords)


def _attempt(spec, index, args):
    """In a forked child: call the function, report on the real stdout, never return."""
    report = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    row = {"index": index, "raised": None, "frames": []}
    try:
        if spec.get("memory_bytes"):
            resource.setrlimit(resource.RLIMIT_AS, (spec["memory_bytes"], spec["memory_bytes"]))
        target = importlib.import_module(spec["module"])
        if spec.get("owner"):  # a method: on an instance built with args["init"], or on the class
            target = getattr(target, spec["owner"])
            target = target if args["init"] is None else _call(target, args["init"])
            args = args["args"]
        row["value"] = _shown(_call(getattr(target, spec["function"]), args))
    except BaseException as exc:
        frames = [(_relative(f.filename), f.lineno, f.name) for f in traceback.extract_tb(exc.__traceback__)]
        row["raised"] = type(exc).__name__
        row["frames"] = [f for f in frames if f[0] is not None]
    os.write(report, (json.dumps(row) + "\n").encode())
    os._exit(0)


def reproduce(spec):
    sys.path.insert(0, ROOT)
    for index, args in enumerate(spec["calls"]):
        pid = os.fork()
        if pid == 0:
            _attempt(spec, index, args)
        if _wait(pid, spec["timeout"]) == "timeout":
            sys.stdout.write(json.dumps({"index": index, "raised": "timeout", "frames": []}) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    sys.dont_write_bytecode = True
    with open(sys.argv[2]) as spec_file:
        loaded = json.load(spec_file)
    {"probe": probe, "batch": batch, "reproduce": reproduce}[sys.argv[1]](loaded)
