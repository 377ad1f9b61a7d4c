"""Runs INSIDE the sandbox: ``python .agentfleet-coverage/coverage_probe.py <spec>`` (stdlib, pytest, coverage).

It builds on the repair engine's probe plugin, sent beside it as ``_agentfleet_repair_probe.py``: outcomes,
durations, crash frames and the per-test time limit come from there. This adds:

- branch coverage (coverage.py, tracing only the ``paths`` asked for) with one context per test (a file no
  test imports is still reported, all missing), with each test's branches when ``per_test_arcs`` is set;
- a random test order when ``seed`` is set (each run is a fresh process: the host starts one per run);
- an audit of what each test does beyond computing (``sys.addaudithook``): files written outside /tmp,
  network, processes started. The sandbox stops the harm; the audit names the test so it can be dropped. A
  test closing sys.stdout or sys.stderr (pytest's capture) is noted the same way, and the close not done.

Spec (JSON file): ``args`` (pytest arguments), ``out``, ``coverage``, ``paths``, ``per_test_arcs``,
``test_timeout``, ``memory_bytes``, ``seed``. The report goes to ``out``.
"""

import contextlib
import glob
import json
import os
import random
import re
import resource
import sys
import time

sys.dont_write_bytecode = True
ROOT = os.getcwd()
sys.path.insert(0, ROOT)

import pytest  # noqa: E402
from _agentfleet_repair_probe import PYTEST_ARGS, Probe  # noqa: E402

_OWN_ARGS = ["-p", "no:cov", "-p", "no:xdist"]
"""One process, one coverage.py: pytest-cov would start a second tracer, xdist would run tests elsewhere."""
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_SCRATCH = ("/tmp", "/dev/", "/proc/")
_NETWORK = {"socket.connect", "socket.bind", "socket.getaddrinfo", "socket.sendto"}
_PROCESS = {"subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "os.forkpty"}
_FILES = {"os.remove", "os.rename", "os.rmdir", "shutil.rmtree", "os.mkdir", "os.truncate", "os.chmod", "os.link"}


def _outside_scratch(path):
    try:
        full = os.path.abspath(os.fsdecode(path))
    except (TypeError, ValueError):
        return None
    if full.startswith(_SCRATCH):
        return None
    return os.path.relpath(full, ROOT) if full.startswith(ROOT + os.sep) else full


class Effects:
    """What each test did outside its process: an audit hook, active only while a test runs."""

    def __init__(self):
        self.current = None
        self.found = {}

    def note(self, what):
        seen = self.found.setdefault(self.current, [])
        if what not in seen and len(seen) < 5:
            seen.append(what[:200])

    def hook(self, event, args):
        if self.current is None:
            return
        with contextlib.suppress(Exception):  # an audit hook must never fail the audited call
            self._check(event, args)

    def _check(self, event, args):
        if event == "open" and not isinstance(args[0], int):
            mode, flags = args[1], args[2] or 0
            writes = any(c in mode for c in "wax+") if isinstance(mode, str) else bool(flags & _WRITE_FLAGS)
            where = _outside_scratch(args[0]) if writes else None
            if where is not None:
                self.note(f"writes {where}")
        elif event in _FILES and args and not isinstance(args[0], int):
            where = _outside_scratch(args[0])
            if where is not None:
                self.note(f"{event} {where}")
        elif event in _NETWORK:
            self.note("uses the network")
        elif event in _PROCESS:
            self.note("starts a process")


class CoverageProbe(Probe):
    """The repair probe plus a seeded random order, the run order and the side-effect audit."""

    def __init__(self, cov, limit, seed, effects):
        super().__init__(cov, limit)
        self.seed = seed
        self.effects = effects
        self.order = []

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items):
        if self.seed is not None:
            random.Random(self.seed).shuffle(items)

    def pytest_runtest_logstart(self, nodeid, location):
        self.order.append(nodeid)
        self.effects.current = nodeid

    def pytest_runtest_logfinish(self, nodeid, location):
        self.effects.current = None

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_call(self, item):
        """A test closing sys.stdout or sys.stderr would close pytest's capture, and the run would end with an
        internal error and no report: the close is noted as a side effect (the test is dropped), not done."""
        streams = [(name, getattr(sys, name)) for name in ("stdout", "stderr")]
        for name, stream in streams:
            with contextlib.suppress(AttributeError, TypeError):  # a stream type without instance attributes
                stream.close = lambda name=name: self.effects.note(f"closes sys.{name}")
        yield
        for _, stream in streams:
            with contextlib.suppress(AttributeError):
                del stream.close


def _arcs_by_test(data, filename, tests, branch_arcs):
    found = {}
    for i, test in enumerate(tests):
        data.set_query_contexts(["^" + re.escape(test) + "$"])
        arcs = sorted(a for a in (data.arcs(filename) or ()) if a in branch_arcs)
        if arcs:
            found[i] = arcs
    data.set_query_contexts(None)
    return found


def _files(cov, tests, paths, per_test_arcs):
    """Per file: executed/missing lines and branches, line → indexes of the tests that ran it."""
    index = {t: i for i, t in enumerate(tests)}
    wanted = [os.path.join(ROOT, p) for p in paths if os.path.isfile(os.path.join(ROOT, p))]
    if not wanted:
        return {}
    report = "/tmp/agentfleet-coverage.json"
    cov.json_report(morfs=wanted, outfile=report, ignore_errors=True)
    with open(report) as handle:
        files = json.load(handle)["files"]
    data = cov.get_data()
    result = {}
    for filename in wanted:
        rel = os.path.relpath(filename, ROOT)
        entry = files.get(rel)
        if entry is None:
            continue
        contexts = {}
        for line, names in (data.contexts_by_lineno(filename) or {}).items():
            ids = sorted(index[c] for c in names if c in index)
            if ids:
                contexts[line] = ids
        row = {
            k: entry.get(k, []) for k in ("executed_lines", "missing_lines", "executed_branches", "missing_branches")
        }
        row["contexts"] = contexts
        if per_test_arcs:
            branch_arcs = {tuple(a) for a in row["executed_branches"]}
            row["arcs"] = _arcs_by_test(data, filename, tests, branch_arcs)
        result[rel] = row
    return result


def _coverage(spec):
    """Trace only the files the report is about: a tracer on the tests' own frames changes what some tests see
    (a RecursionError's message, the stack's depth), so a suite green under plain pytest must not go red here."""
    if not spec.get("coverage"):
        return None
    import coverage

    include = [glob.escape(os.path.join(ROOT, p)) for p in spec.get("paths") or []] or [os.path.join(ROOT, "*")]
    cov = coverage.Coverage(data_file=None, config_file=False, branch=True, include=include)
    cov.start()
    return cov


def main(spec):
    if spec.get("memory_bytes"):
        resource.setrlimit(resource.RLIMIT_AS, (spec["memory_bytes"], spec["memory_bytes"]))
    effects = Effects()
    sys.addaudithook(effects.hook)
    cov = _coverage(spec)
    plugin = CoverageProbe(cov, spec.get("test_timeout", 10.0), spec.get("seed"), effects)
    started = time.monotonic()
    code = pytest.main([*PYTEST_ARGS, *_OWN_ARGS, *spec["args"]], plugins=[plugin])
    elapsed = time.monotonic() - started
    if cov is not None:
        cov.stop()
    tests = sorted(plugin.outcomes)
    result = {
        "exit": int(code),
        "seconds": round(elapsed, 4),
        "tests": plugin.outcomes,
        "order": plugin.order,
        "durations": {t: round(plugin.seconds.get(t, 0.0), 4) for t in tests},
        "timeouts": plugin.timeouts,
        "crashes": {t: c["type"] for t, c in plugin.crashes.items()},
        "effects": effects.found,
        "index": tests,
        "files": _files(cov, tests, spec.get("paths") or [], spec.get("per_test_arcs")) if cov is not None else {},
    }
    with open(spec["out"], "w") as out:
        json.dump(result, out)


if __name__ == "__main__":
    with open(sys.argv[1]) as spec_file:
        main(json.load(spec_file))
