"""Runs INSIDE the sandbox, started by the gate's supervisor (``python -s -P -B -c <this file> <ctl> <rep>``).

It reads its setup (frame key, mode, payload) from descriptor ``ctl``, then either

- ``pytest``: runs pytest with the gate's recorder as a plugin object, registered before any conftest
  or test module is imported, so it sees every collected test and every phase report; or
- ``replay``: imports one test file as a plain module and calls each of its ``test*`` functions that
  takes no arguments, each in a forked child so no call sees state another left — pytest is never
  imported, and each function runs under a name and file name that say nothing of tests (``case`` in
  ``replayed.py``), so code that behaves differently under pytest, or when a test calls it, behaves as in
  production.

Each event is one frame on descriptor ``rep``: ``<hmac> <json>``, the HMAC (keyed with the setup's
key) over the frame's position in the stream and its JSON. Everything the recorder needs is imported
before the working copy is put on ``sys.path``, so no module of the repository can stand in for it.
"""

import hashlib
import hmac
import importlib
import inspect
import json
import os
import sys
import types

_MESSAGE = 2000
"""Characters kept of a failure's text (its tail)."""


def _read_all(fd):
    chunks = []
    while chunk := os.read(fd, 1 << 16):
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks)


class Channel:
    """The frame stream to the supervisor."""

    def __init__(self, fd, key):
        self.fd = fd
        self.key = key
        self.seq = 0
        os.set_inheritable(fd, False)

    def send(self, **frame):
        data = json.dumps(frame, sort_keys=True, separators=(",", ":")).encode()
        mac = hmac.new(self.key, b"%d:" % self.seq + data, hashlib.sha256).hexdigest().encode()
        self.seq += 1
        line = mac + b" " + data + b"\n"
        while line:
            line = line[os.write(self.fd, line) :]


def _short(text):
    return str(text)[-_MESSAGE:]


def _working_copy_plugin(plugin):
    """The working-copy file (relative) whose code ``plugin`` runs, unless a conftest (``None``: not the repository's
    code). A module by its file, any other object by where its type's functions were compiled."""
    if inspect.ismodule(plugin):
        files = [getattr(plugin, "__file__", None)]
        files += [f.__code__.co_filename for f in vars(plugin).values() if inspect.isfunction(f)]
    else:
        owners = [vars(cls) for cls in type(plugin).__mro__]
        files = [f.__code__.co_filename for owner in owners for f in owner.values() if inspect.isfunction(f)]
    root = os.getcwd() + os.sep
    for path in (os.path.abspath(f) for f in files if isinstance(f, str)):
        if path.startswith(root) and os.path.basename(path) != "conftest.py":
            return path[len(root) :]
    return None


def _plugin_watch(pytest, channel):
    """A plugin object that reports a plugin of the repository's code registered once collection began (a test
    module's ``pytest_plugins``, however it set them, or an object a test registered) as a collection error of its
    file: such a plugin can rewrite every test's report. Conftest files are the runner configuration's business."""

    class PluginWatch:
        collecting = False

        @pytest.hookimpl(tryfirst=True)
        def pytest_collection(self, session):
            self.collecting = True

        def pytest_plugin_registered(self, plugin, manager):
            path = _working_copy_plugin(plugin) if self.collecting else None
            if path is not None:
                msg = f"{path} was registered as a pytest plugin during collection: it can rewrite any test's report"
                channel.send(t="collecterror", id=path, msg=msg)

    return PluginWatch()


def _recorder(pytest, channel):
    """The pytest plugin object: one frame per collection, collection error, phase report and session end."""

    class Recorder:
        def __init__(self):
            self.raised = {}

        @pytest.hookimpl(trylast=True)
        def pytest_collection_finish(self, session):
            channel.send(t="collected", ids=[item.nodeid for item in session.items])

        def pytest_deselected(self, items):
            channel.send(t="deselected", ids=[item.nodeid for item in items])

        def pytest_collectreport(self, report):
            if report.failed:
                channel.send(t="collecterror", id=report.nodeid, msg=_short(report.longrepr))

        @pytest.hookimpl(tryfirst=True)
        def pytest_runtest_makereport(self, item, call):
            if call.excinfo is not None:
                self.raised[(item.nodeid, call.when)] = call.excinfo.typename

        def pytest_runtest_logreport(self, report):
            frame = {
                "t": "test",
                "id": report.nodeid,
                "when": report.when,
                "outcome": report.outcome,
                "xfail": hasattr(report, "wasxfail"),
                "exc": self.raised.pop((report.nodeid, report.when), None),
            }
            if report.failed:
                frame["msg"] = _short(report.longrepr)
            channel.send(**frame)

        @pytest.hookimpl(trylast=True)
        def pytest_sessionfinish(self, session, exitstatus):
            channel.send(t="finish", exit=int(exitstatus), stopped=bool(session.shouldstop or session.shouldfail))

        def pytest_internalerror(self, excrepr, excinfo):
            channel.send(t="internalerror", msg=_short(excrepr))

    return Recorder()


def run_pytest(channel, args):
    """pytest ``args`` with the recorder; the default plugins are imported while no folder of the working copy is
    on ``sys.path`` (not even one an editable install's ``.pth`` put there: ``src``), so the repository cannot
    shadow them; then the path is restored, the working copy first (as ``python -m pytest`` puts it)."""
    here = os.path.realpath(os.getcwd())
    kept = list(sys.path)
    sys.path[:] = [p for p in kept if os.path.commonpath([here, os.path.realpath(p or ".")]) != here]
    import pytest
    from _pytest import config

    for name in getattr(config, "default_plugins", ()):
        try:
            importlib.import_module("_pytest." + name)
        except ImportError:
            continue
    recorder = _recorder(pytest, channel)
    sys.path[:] = kept
    sys.path.insert(0, os.getcwd())
    return int(pytest.main(list(args), plugins=[recorder, _plugin_watch(pytest, channel)]))


def _plain_tests(module):
    for name, value in sorted(vars(module).items()):
        if not (name.startswith("test") and inspect.isfunction(value) and value.__module__ == module.__name__):
            continue
        required = [p for p in inspect.signature(value).parameters.values() if p.default is inspect.Parameter.empty]
        if not required:
            yield name, value


def _isolated(function):
    """Call ``function`` in a forked child; the type name of what it raised, or ``None``."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            function()
            outcome = b"-"
        except BaseException as exc:  # a raise of any kind is what the replay looks for
            outcome = type(exc).__name__.encode()
        os.write(write, outcome)
        os._exit(0)
    os.close(write)
    outcome = _read_all(read)
    os.waitpid(pid, 0)
    if outcome == b"-":
        return None
    return outcome.decode() or "ProcessEnded"


_REPLAYED = "replayed.py"
"""The file name the replayed test module is compiled under (its module keeps ``__file__``, for tests that read data
beside them)."""


def _anonymous(function):
    """``function`` as production would call the code: a frame named ``case``, not ``test_…``."""
    code = function.__code__.replace(co_name="case", co_qualname="case")
    return types.FunctionType(code, function.__globals__, "case", function.__defaults__, function.__closure__)


def run_replay(channel, path):
    """Import ``path`` as a plain module and call its argument-less ``test*`` functions, one frame each."""
    sys.path.insert(0, os.getcwd())
    module = types.ModuleType("agentfleet_replay")
    module.__file__ = os.path.join(os.getcwd(), path)
    try:
        with open(module.__file__, "rb") as source:
            exec(compile(source.read(), _REPLAYED, "exec", dont_inherit=True), module.__dict__)
    except BaseException as exc:  # the replay reports whatever the import raised, even SystemExit
        channel.send(t="import", exc=type(exc).__name__, msg=_short(exc))
    else:
        for name, function in _plain_tests(module):
            channel.send(t="call", name=name, exc=_isolated(_anonymous(function)))
    channel.send(t="finish", pytest=any(name.split(".")[0] in ("pytest", "_pytest") for name in sys.modules))
    return 0


def main(ctl, rep):
    setup = json.loads(_read_all(ctl))
    channel = Channel(rep, bytes.fromhex(setup["key"]))
    payload = setup["payload"]
    if setup["mode"] == "replay":
        return run_replay(channel, payload["file"])
    return run_pytest(channel, payload["args"])


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]), int(sys.argv[2])))
