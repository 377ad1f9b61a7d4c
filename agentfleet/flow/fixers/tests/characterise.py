"""The characterisation writer: pytest tests that record what functions do now.

For functions ``F`` at commit ``C`` in sandbox ``S`` → a pytest file::

    from agentfleet.flow.fixers.tests.characterise import Target, characterise

    with open_sandbox(ctx, repo, C) as box:                      # S, checked out at C
        found = characterise(box, [Target("pkg/mod.py", "parse"), Target("pkg/mod.py", "Parser.feed")],
                             test_sources)                       # the repo's test files' text, for literals
    found.source                                                 # the pytest file (``None``: no call worked)

Each test makes one call with literal arguments (from the repo's own tests and type hints, ``calls``) and
asserts what came back: the value when it is a literal, else its type and literal attributes, the
instance's attributes after a method call, or ``pytest.raises`` of the exception, and what the call left in
the list, dict and set arguments it was given; an iterator (a generator's
result) is iterated and its items asserted (the first ``_ITEMS`` when there are more). Run that file on another
commit (a refactor of ``F``) to see which behaviours changed: differential testing. Calls run in forked
children in the sandbox (``characterise_runner``), each with a time and memory limit; whatever they
print is re-read as literals on the host before it becomes source.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any

from agentfleet.analysis import module_name
from agentfleet.core.errors import PermanentError
from agentfleet.flow.fixers.repair.runner import json_rows
from agentfleet.flow.fixers.tests.arg_variants import rare_calls
from agentfleet.flow.fixers.tests.calls import Call, plan_calls
from agentfleet.flow.fixers.tests.candidates import Candidate, CandidateSet
from agentfleet.flow.fixers.tests.characterise_raises import exception_name, raises
from agentfleet.flow.fixers.tests.characterise_views import host_literal, view_lines
from agentfleet.flow.fixers.tests.pynguin import project_root
from agentfleet.flow.monitors.coverage.measure import SCRATCH, read_result

if TYPE_CHECKING:
    from agentfleet.flow.fixers.tests.suite_calls import SuiteCall
    from agentfleet.sandboxes import Sandbox

__all__ = ["Characterisation", "Target", "characterise"]

log = logging.getLogger(__name__)

_CODE = resources.files("agentfleet.flow.fixers.tests").joinpath("characterise_runner.py").read_text()
_ITEMS = 20
"""Most items of a returned iterator a test asserts (an endless generator is cut there)."""


@dataclass(frozen=True)
class Target:
    """A function to characterise: its repo-relative file and qualified name (``f`` or ``Class.f``)."""

    path: str
    qualname: str


@dataclass
class Characterisation:
    """The tests written (as candidates and as one file) and how many calls were tried."""

    tests: CandidateSet = field(default_factory=CandidateSet)
    tried: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def source(self) -> str | None:
        """One pytest file holding every test, or ``None`` when there is none."""
        if not self.tests.tests:
            return None
        head = "\n".join(["import pytest", *self.tests.imports])
        return head + "\n\n\n" + "\n\n\n".join(t.source for t in self.tests.tests) + "\n"


def _replayable(args: Sequence[str | None]) -> list[str]:
    """The arguments of a recorded call up to its first value that is not a literal, each a host-made repr."""
    found = []
    for text in args:
        value = host_literal(text)
        if value is None:
            break
        found.append(value)
    return found


def _whole(args: Sequence[str | None] | None) -> list[str] | None:
    """``args`` as host-made reprs when every one is a literal (an instance is built from all or none of them)."""
    if args is None:
        return None
    found = _replayable(args)
    return found if len(found) == len(args) else None


def _attr_lines(owner: str, attrs: Any) -> list[str]:
    lines = []
    for name, text in (attrs or {}).items() if isinstance(attrs, dict) else ():
        value = host_literal(text)
        if isinstance(name, str) and name.isidentifier() and value is not None:
            lines.append(f"assert {owner}.{name} == {value}")
    return lines


def _arguments(call: Call, row: dict[str, Any]) -> tuple[list[str], list[str], list[str]]:
    """(setup, arguments, checks): a list, dict or set argument gets a name (``a0 = [3, 1]``) and a check of
    what the call left in it (``assert a0 == [1, 3]``), as the sandbox recorded it (re-read as a literal)."""
    after = row.get("args_after")
    left: dict[int, str] = {}
    for key, text in after.items() if isinstance(after, dict) else ():
        value = host_literal(text)
        if isinstance(key, str) and key.isdigit() and int(key) < len(call.args) and value is not None:
            left[int(key)] = value
    names = [f"a{i}" if i in left else arg for i, arg in enumerate(call.args)]
    setup = [f"a{i} = {call.args[i]}" for i in sorted(left)]
    return setup, names, [f"assert a{i} == {value}" for i, value in sorted(left.items())]


def _body(call: Call, row: dict[str, Any], module: str, imports: list[str]) -> list[str] | None:
    """The test's statements for ``call`` given what it did (``None``: nothing worth asserting); a call that
    warned runs, with what follows it, inside ``pytest.warns`` of the warning's class."""
    lines, setup = _statements(call, row, module, imports)
    if lines is None or "warned" not in row:
        return lines
    warning = exception_name(row, imports, key="warned")
    if warning is None:
        return None
    return [*lines[:setup], f"with pytest.warns({warning}):", *(f"    {line}" for line in lines[setup:])]


def _statements(call: Call, row: dict[str, Any], module: str, imports: list[str]) -> tuple[list[str] | None, int]:
    """The test's statements for ``call`` and how many of them come before the call (set-up)."""
    if row.get("timeout") or row.get("init_failed"):
        return None, 0
    head = call.qualname.rsplit(".", 1)
    named, args, left = _arguments(call, row)
    setup = [] if call.init is None else [f"obj = {head[0]}({', '.join(call.init)})"]
    kept = row.get("kept")
    made = kept if isinstance(kept, list) and call.tolerant else range(len(call.prior))
    setup += [
        f"obj.{head[-1]}({', '.join(call.prior[i])})" for i in made if type(i) is int and 0 <= i < len(call.prior)
    ]
    setup += named
    target = call.qualname if call.init is None else f"obj.{head[1]}"
    expr = target if call.attribute else f"{target}({', '.join(args)})"
    if call.is_async:
        imports.append("import asyncio")
        expr = f"asyncio.run({expr})"
    state = [*(_attr_lines("obj", row.get("state")) if call.init is not None else []), *left]
    return _asserted(setup, expr, row, state, left, module, imports), len(setup)


def _asserted(
    setup: list[str], expr: str, row: dict[str, Any], state: list[str], left: list[str], module: str, imports: list[str]
) -> list[str] | None:
    if row.get("iterated"):
        return _iterated(setup, expr, row, state, imports, module)
    if "raised" in row:
        raised = raises(row, imports)
        return None if raised is None else [*setup, f"with {raised}:", f"    {expr}", *left]
    if row.get("none"):
        return [*setup, f"assert {expr} is None", *state]
    if (value := host_literal(row.get("value"))) is not None:
        return [*setup, f"assert {expr} == {value}", *state]
    kind = str(row.get("type", ""))
    checks = [f"assert type(result).__name__ == {kind!r}"] if kind.isidentifier() else []
    checks += _attr_lines("result", row.get("attrs")) + view_lines("result", row)
    return [*setup, f"result = {expr}", *checks, *state] if checks or state else None


def _iterated(
    setup: list[str], expr: str, row: dict[str, Any], state: list[str], imports: list[str], module: str
) -> list[str] | None:
    """The statements for a call whose result was an iterator: its items, their count, or what iterating raised."""
    more = row.get("more") or "raised" in row
    if more:
        imports.append("import itertools")
    listed = f"list(itertools.islice({expr}, {_ITEMS + 1 if 'raised' in row else _ITEMS}))" if more else f"list({expr})"
    if "raised" in row:
        raised = raises(row, imports)
        return None if raised is None else [*setup, f"with {raised}:", f"    {listed}", *state]
    if (items := host_literal(row.get("items"))) is not None:
        return [*setup, f"assert {listed} == {items}", *state]
    count = row.get("count")
    return [*setup, f"assert len({listed}) == {count}", *state] if type(count) is int else None


def _run(
    box: Sandbox, module: str, root: str, calls: list[Call], timeout: float, memory_bytes: int
) -> list[dict[str, Any]]:
    out = f"{SCRATCH}/calls.jsonl"
    spec = {
        "module": module,
        "root": root,
        "calls": [c.spec() for c in calls],
        "timeout": timeout,
        "memory_bytes": memory_bytes,
        "items": _ITEMS,
        "out": out,
    }
    box.write(f"{SCRATCH}/calls.json", json.dumps(spec))
    result = box.run(["python", "-c", _CODE, f"{SCRATCH}/calls.json"], timeout=timeout * len(calls) + 30)
    try:
        return json_rows(read_result(box, out))
    except PermanentError:
        log.info("characterise: no call report (exit %d): %s", result.exit_code, result.stderr[-300:])
        return []


def _tests_for(target: Target, calls: list[Call], rows: list[dict[str, Any]], found: Characterisation) -> None:
    module = module_name(target.path) or ""
    top = target.qualname.split(".", 1)[0]
    imports = ["import pytest", f"from {module} import {top}"]
    by_id = {c.id: c for c in calls}
    seen: set[str] = set()
    for row in rows:
        call = by_id.get(row.get("id", -1)) if isinstance(row.get("id"), int) else None
        body = _body(call, row, module, imports) if call is not None else None
        text = "\n".join(f"    {line}" for line in body) if body else ""
        if not text or text in seen:
            continue
        seen.add(text)
        name = f"test_{target.qualname.replace('.', '_')}_{len(seen)}"
        found.tests.tests.append(Candidate(name, f"def {name}():\n{text}", "characterise"))
    found.tests.imports += [i for i in dict.fromkeys(imports) if i not in found.tests.imports and i != "import pytest"]


def characterise(
    box: Sandbox,
    targets: Sequence[Target],
    test_sources: Mapping[str, str],
    *,
    max_calls: int = 120,
    timeout: float = 2.0,
    memory_bytes: int = 512 << 20,
    seeds: Mapping[Target, Sequence[SuiteCall]] | None = None,
    rare: int = 0,
    messages: bool = False,
) -> Characterisation:
    """Tests recording what ``targets`` do at ``box``'s commit (see the module docstring). ``seeds``: calls to
    replay first, per target (``suite_calls``: what the repository's own tests passed it, and a method's instance
    was built with); ``rare``: how many calls of rare inputs derived from those and the writer's first ones to add
    (``arg_variants``: more decimals, unsorted or unhashable items, a boundary, ``None``…); ``messages``: pin an
    exception's whole message, not only its class (``characterise_raises``)."""
    found = Characterisation()
    for target in targets:
        module = module_name(target.path)
        replays = [(r, _whole(s.init)) for s in (seeds or {}).get(target, ()) if (r := _replayable(s.args))]
        try:
            source = box.read(target.path)
            calls = plan_calls(source, target.qualname, test_sources.values(), max_calls, replays) if module else []
            derived = rare_calls(source, target.qualname, calls, rare)
        except (PermanentError, SyntaxError) as exc:
            found.notes.append(f"{target.path}::{target.qualname}: cannot be read ({exc})")
            continue
        if not calls:
            found.notes.append(f"{target.path}::{target.qualname}: no call can be built from literals")
            continue
        calls += derived
        rows = [
            r if messages else {k: v for k, v in r.items() if k != "message"}
            for r in _run(box, module or "", project_root(target.path), calls, timeout, memory_bytes)
        ]
        found.tried += len(calls)
        failed = next((str(r["import_failed"]) for r in rows if r.get("import_failed")), None)
        if failed is not None:
            found.notes.append(f"{target.path}::{target.qualname}: the module fails to import ({failed})")
            continue
        before = len(found.tests.tests)
        _tests_for(target, calls, rows, found)
        hung = sum(1 for r in rows if r.get("timeout"))
        late = f", {hung} ran past the {timeout:g}s limit" if hung else ""
        added = len(found.tests.tests) - before
        replayed = f" ({len(replays)} replayed from the suite)" if replays else ""
        replayed += f" ({len(derived)} of rare inputs)" if derived else ""
        found.notes.append(f"{target.path}::{target.qualname}: {len(calls)} calls{replayed}, {added} tests{late}")
    return found
