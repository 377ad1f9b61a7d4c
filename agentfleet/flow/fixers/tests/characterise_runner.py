"""Runs INSIDE the sandbox (``python -c <this file> <spec>``): stdlib only.

For each planned call (a module-level function, or a method on an instance built with constructor
arguments and, for state, called first with the ``prior`` argument lists), fork, import the module, make
the call with Python literals, and write one JSON line: the returned value's repr (when it reads back as
a literal), the public attributes of the result or of the instance afterwards, or the exception raised.
An iterator (a generator's result) is iterated first, at most ``items`` + 1 items: its items' repr (or
their count), whether more were left, or the exception raised while iterating.
A call that runs past ``timeout`` is killed; each child has an address-space limit. The host re-reads
every repr with ``ast.literal_eval``: nothing printed here becomes code unchecked.

The list, dict and set arguments are recorded as the call left them (``args_after``: a change to the
caller's data is behaviour too). A ``tolerant`` call leaves out the prior calls that raise (``kept`` lists
those it made).

A container no literal shows (a ``NamedTuple``, a ``dict`` subclass, a list past the repr's size cap) is recorded
by what still reads back: its plain contents (``plain``: ``tuple(result)``), else its length and first items
(``length``, ``head``).

A property (``attribute``) is read on the instance, not called. The first warning the call (or iterating its
result) emits is recorded (``warned``, ``warned_module``): a project whose pytest turns warnings into errors
fails on it.

Spec: ``{"module", "root", "calls": [{"id", "qualname", "init", "prior", "tolerant", "args", "is_async", "attribute"}],
"timeout", "memory_bytes", "items", "out"}``; one JSON line per call goes to ``out``.
"""

import ast
import asyncio
import collections.abc
import importlib
import itertools
import json
import os
import resource
import signal
import sys
import time
import traceback
import warnings

ROOT = os.getcwd()
_MAX_REPR = 300
_MAX_ATTRS = 8


def _literal(value):
    """``repr(value)`` when it reads back equal as a literal (and is short), else ``None``."""
    try:
        text = repr(value)
        if len(text) <= _MAX_REPR and "0x" not in text and ast.literal_eval(text) == value:
            return text
    except Exception:  # any repr or comparison may fail on arbitrary objects
        return None
    return None


def _message(exc):
    """The message of an exception a ``raise`` statement raised, as a literal's repr (``None``: the interpreter
    raised it, ``'<' not supported …``, whose wording follows the expression, not the code's intent; or its
    ``__str__`` fails; or it is no plain text)."""
    try:
        last = traceback.extract_tb(exc.__traceback__)[-1:]
        if not last or not (last[0].line or "").startswith("raise"):
            return None
        return _literal(str(exc))
    except Exception:  # a broken __str__ is the code's own; the class is still pinned
        return None


def _public_names(obj):
    """Public attribute names of ``obj``: its ``__dict__``, its ``__slots__``, and its class's properties (a
    ``__slots__`` class such as semver's ``Version`` shows its values only through them)."""
    try:
        names = list(vars(obj))
    except TypeError:
        names = []
    for klass in type(obj).__mro__:
        slots = klass.__dict__.get("__slots__", ())
        names += [slots] if isinstance(slots, str) else list(slots)
        names += [n for n, v in vars(klass).items() if isinstance(v, property)]
    return sorted({n for n in names if isinstance(n, str) and not n.startswith("_")})


def _attrs(obj):
    found = {}
    for name in _public_names(obj):
        try:
            text = _literal(getattr(obj, name))
        except Exception:  # a property may raise on this state: it is simply not recorded
            continue
        if text is not None:
            found[name] = text
        if len(found) >= _MAX_ATTRS:
            break
    return found


_CONTAINERS = (tuple, list, dict, frozenset, set, str, bytes)


def _views(value):
    """What a container no literal shows still says: ``plain`` (its contents as the builtin it derives from, a
    ``NamedTuple``'s fields as a tuple), else ``length`` and ``head`` (its first items, or its first pairs for a
    mapping; a set's order means nothing, so only its length)."""
    plain = next((kind for kind in _CONTAINERS if isinstance(value, kind)), None)
    if plain is None:
        return {}
    try:
        if type(value) is not plain and (text := _literal(plain(value))) is not None:
            return {"plain": plain.__name__, "plain_value": text}
        found = {"length": len(value)}
        if plain in (frozenset, set):
            return found
        for size in (200, 50) if plain in (str, bytes) else (10, 3, 1):
            first = list(itertools.islice(value.items(), size)) if plain is dict else plain(value[:size])
            if (text := _literal(first)) is not None:
                return {**found, "head": text, "head_size": size, "head_items": plain is dict}
        return found
    except Exception:  # a subclass's own len, slicing or iteration may raise: nothing more is recorded
        return {}


class _InitFailed(Exception):
    """The instance could not be built (or a prior call on it failed): the call says nothing about the method."""


def _resolve(module, qualname):
    obj = module
    for part in qualname.split("."):
        obj = getattr(obj, part)
    return obj


def _built(owner, name, call, row):
    """The instance after the ``prior`` calls. With ``tolerant``, a prior call that raises is left out (the instance
    is built again without it) and ``row["kept"]`` lists the prior calls made."""
    priors = [[ast.literal_eval(a) for a in before] for before in call.get("prior") or ()]
    kept = []
    instance = owner(*[ast.literal_eval(a) for a in call["init"]])
    for i, args in enumerate(priors):
        try:
            getattr(instance, name)(*args)
            kept.append(i)
        except Exception:
            if not call.get("tolerant"):
                raise
            instance = owner(*[ast.literal_eval(a) for a in call["init"]])
            for k in kept:
                getattr(instance, name)(*priors[k])
    if call.get("tolerant"):
        row["kept"] = kept
    return instance


def _call(module, call, row, held):
    args = [ast.literal_eval(a) for a in call["args"]]
    held.extend(args)
    parts = call["qualname"].split(".")
    instance = None
    if call.get("init") is not None:
        owner = _resolve(module, ".".join(parts[:-1]))
        try:
            instance = _built(owner, parts[-1], call, row)
        except BaseException as exc:
            raise _InitFailed() from exc
        if call.get("attribute"):
            return getattr(instance, parts[-1]), instance
        function = getattr(instance, parts[-1])
    else:
        function = _resolve(module, call["qualname"])
    result = function(*args)
    if call.get("is_async"):
        result = asyncio.run(result)
    return result, instance


def _after(args):
    """The reprs of the list, dict and set arguments as the call left them (by position), when literals."""
    found = {str(i): _literal(a) for i, a in enumerate(args) if type(a) in (list, dict, set)}
    return {i: text for i, text in found.items() if text is not None}


def _attempt(spec, call, report):
    row = {"id": call["id"]}
    held = []
    try:
        if spec.get("memory_bytes"):
            resource.setrlimit(resource.RLIMIT_AS, (spec["memory_bytes"], spec["memory_bytes"]))
        try:
            module = importlib.import_module(spec["module"])
        except BaseException as exc:
            row["import_failed"] = f"{type(exc).__name__}: {exc}"[:300]
            os.write(report, (json.dumps(row) + "\n").encode())
            os._exit(0)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                value, instance = _call(module, call, row, held)
                if isinstance(value, collections.abc.Iterator):
                    _iterate(value, spec.get("items", 20), row)
                    value = None
            finally:
                if caught:
                    row["warned"] = caught[0].category.__qualname__
                    row["warned_module"] = caught[0].category.__module__
        row["value"] = _literal(value)
        row["none"] = value is None
        row["type"] = type(value).__name__
        row["attrs"] = _attrs(value) if row["value"] is None and not row["none"] else {}
        if row["value"] is None and not row["none"]:
            row.update(_views(value))
        row["state"] = _attrs(instance) if instance is not None else {}
    except _InitFailed:
        row["init_failed"] = True
    except BaseException as exc:
        kind = type(exc)
        row["raised"] = kind.__qualname__
        row["raised_module"] = kind.__module__
        row["message"] = _message(exc)
    if held:
        row["args_after"] = _after(held)
    os.write(report, (json.dumps(row) + "\n").encode())
    os._exit(0)


def _iterate(iterator, most, row):
    """Record up to ``most`` items of ``iterator`` in ``row`` (an exception meanwhile propagates, marked)."""
    row["iterated"] = True
    items = list(itertools.islice(iterator, most + 1))
    row["items"] = _literal(items[:most])
    row["count"] = min(len(items), most)
    row["more"] = len(items) > most


def _wait(pid, timeout):
    deadline = time.monotonic() + timeout
    while True:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            return True
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return False
        time.sleep(0.002)


def main(spec):
    sys.path.insert(0, os.path.join(ROOT, spec.get("root", ".")))
    report = os.open(spec["out"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND, 0o600)
    for call in spec["calls"]:
        pid = os.fork()
        if pid == 0:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            _attempt(spec, call, report)
        if not _wait(pid, spec["timeout"]):
            os.write(report, (json.dumps({"id": call["id"], "timeout": True}) + "\n").encode())
    os.close(report)


if __name__ == "__main__":
    sys.dont_write_bytecode = True
    with open(sys.argv[1]) as spec_file:
        main(json.load(spec_file))
