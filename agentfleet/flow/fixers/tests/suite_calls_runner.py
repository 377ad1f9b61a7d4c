"""Runs INSIDE the sandbox (``python -c <this file> <spec>``): stdlib and pytest only.

Runs the repository's suite once, as ``pytest <args>``, with a trace function that watches for calls to the
``targets`` (by file and qualified name) and records the positional arguments each call received, as the
reprs of plain data only: ``int``, ``float``, ``complex``, ``str``, ``bytes``, ``bool``, ``None`` and lists,
tuples, sets and dicts of them (exact types, small, shallow), whose repr reads back equal with
``ast.literal_eval``. No user ``__repr__`` ever runs: a value of any other type is recorded as ``null``.
A generator's resumption is also a call event; the arguments then seen are still a valid call.
For a method (``skip_first``), the ``__init__`` of its class in the same file is watched too: a call on an instance
whose construction was seen also carries the constructor's arguments (``init``), recorded the same way.

Spec: ``{"args", "targets": [{"path", "qualname", "skip_first"}], "per_target", "max_bytes", "out"}``; one JSON
line ``{"target": index, "args": [repr or null, ...], "init": [repr or null, ...]}`` (``init`` only when seen)
per distinct call goes to ``out`` as it is seen (a test that ends the process loses nothing already written), at
most ``per_target`` per target and ``max_bytes`` in all.
"""

import ast
import json
import os
import sys
import threading

sys.dont_write_bytecode = True
ROOT = os.getcwd()
sys.path.insert(0, ROOT)

_SCALARS = (int, float, complex, str, bytes, bool, type(None))
_CONTAINERS = (list, tuple, set, dict)
_MAX_ITEMS = 50
_MAX_DEPTH = 4
_MAX_REPR = 600
_VARARGS = 0x04
_MAX_INSTANCES = 10000


def _plain(value, depth=0):
    """Whether ``value`` is plain data (exact builtin types, small): its repr runs no code of the repository."""
    kind = type(value)
    if kind in _SCALARS:
        return kind not in (str, bytes) or len(value) <= _MAX_REPR
    if kind not in _CONTAINERS or depth >= _MAX_DEPTH or len(value) > _MAX_ITEMS:
        return False
    items = [*value.keys(), *value.values()] if kind is dict else list(value)
    return all(_plain(v, depth + 1) for v in items)


def _literal(value):
    """The repr of plain data that reads back equal as a literal, else ``None``."""
    if not _plain(value):
        return None
    text = repr(value)
    try:
        if len(text) <= _MAX_REPR and ast.literal_eval(text) == value:
            return text
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None
    return None


def _arguments(code, values, names):
    """The reprs (``None``: not plain data) of a call's positional parameters ``names`` and its ``*args``."""
    args = [_literal(values.get(n)) if n in values else None for n in names]
    if code.co_flags & _VARARGS:
        rest = values.get(code.co_varnames[code.co_argcount + code.co_kwonlyargcount])
        args += [_literal(v) for v in rest] if type(rest) is tuple and len(rest) <= _MAX_ITEMS else [None]
    return args


class Recorder:
    """The trace function: a call to a target writes its arguments once; every other frame is left untraced."""

    def __init__(self, spec):
        self.wanted = {
            (os.path.realpath(os.path.join(ROOT, t["path"])), t["qualname"]): (i, bool(t.get("skip_first")))
            for i, t in enumerate(spec["targets"])
        }
        self.inits = {
            (path, qualname.rpartition(".")[0] + ".__init__"): (-1, True)
            for (path, qualname), (_, bound) in self.wanted.items()
            if bound and "." in qualname
        }
        self.instances = {}
        self.codes = {}
        self.seen = set()
        self.counts = {}
        self.per_target = int(spec["per_target"])
        self.budget = int(spec["max_bytes"])
        self.out = os.open(spec["out"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND, 0o600)

    def target(self, code):
        if code not in self.codes:
            key = (os.path.realpath(code.co_filename), code.co_qualname)
            self.codes[code] = self.wanted.get(key) or self.inits.get(key)
        return self.codes[code]

    def __call__(self, frame, event, arg):
        """Record a call to a target; answer ``None``: no frame is traced line by line."""
        try:
            found = self.target(frame.f_code) if event == "call" else None
            if found is not None:
                self.record(frame, *found)
        except Exception:  # a trace function that raises would break the suite; a lost record costs nothing
            pass

    def record(self, frame, index, skip_first):
        code, values = frame.f_code, frame.f_locals
        names = list(code.co_varnames[: code.co_argcount])
        if index < 0:  # a watched __init__: remember what the instance was built with
            if names and len(self.instances) < _MAX_INSTANCES:
                self.instances[id(values.get(names[0]))] = _arguments(code, values, names[1:])
            return
        if self.counts.get(index, 0) >= self.per_target:
            return
        row = {"target": index, "args": _arguments(code, values, names[1 if skip_first else 0 :])}
        init = self.instances.get(id(values.get(names[0]))) if skip_first and names else None
        if init is not None:
            row["init"] = init
        line = json.dumps(row) + "\n"
        if (index, line) in self.seen or len(line) > self.budget:
            return
        self.seen.add((index, line))
        self.counts[index] = self.counts.get(index, 0) + 1
        self.budget -= len(line)
        os.write(self.out, line.encode())


def main(spec):
    import pytest

    recorder = Recorder(spec)
    threading.settrace(recorder)
    sys.settrace(recorder)
    try:
        pytest.main(["-q", "-p", "no:cacheprovider", "-p", "no:xdist", "-p", "no:cov", *spec["args"]])
    finally:
        sys.settrace(None)
        os.close(recorder.out)


if __name__ == "__main__":
    with open(sys.argv[1]) as spec_file:
        main(json.load(spec_file))
