"""The calls a repository's own suite makes to some functions, recorded in a sandbox: inputs to replay.

The characterisation writer's calls come from literals and type hints, and miss the branches only particular
combinations reach; the suite's own tests reach them. ``suite_calls`` runs the suite once in ``box`` (at the
commit the sandbox holds) under ``suite_calls_runner``'s trace function and returns, per target, the distinct
positional argument lists the tests passed it, as the reprs of plain data (``None`` where a value was not
plain data), and for a method the arguments its instance was built with, when the suite built it.
Everything is read back as hostile data: sizes capped, every field checked;
``characterise`` re-reads each repr as a literal on the host before it becomes source.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from agentfleet.core.errors import PermanentError
from agentfleet.flow.fixers.repair.runner import json_rows
from agentfleet.flow.fixers.tests.calls import is_bound
from agentfleet.flow.monitors.coverage.measure import SCRATCH, read_result

if TYPE_CHECKING:
    from agentfleet.flow.fixers.tests.characterise import Target
    from agentfleet.sandboxes import Sandbox

__all__ = ["Recorded", "SuiteCall", "suite_calls"]

log = logging.getLogger(__name__)

_CODE = resources.files("agentfleet.flow.fixers.tests").joinpath("suite_calls_runner.py").read_text()
_MAX_BYTES = 1 << 20
_MAX_ARGS = 32


@dataclass(frozen=True)
class SuiteCall:
    """One call the suite made: its arguments' reprs (``None``: not plain data), without ``self``."""

    args: tuple[str | None, ...]
    init: tuple[str | None, ...] | None = None
    """For a method: the arguments its instance's ``__init__`` got (``None``: not seen)."""


Recorded = dict["Target", list[SuiteCall]]
"""Per target, the calls the suite made to it."""


def _args(row: dict[str, Any], key: str = "args") -> tuple[str | None, ...] | None:
    args = row.get(key)
    if not isinstance(args, list) or len(args) > _MAX_ARGS:
        return None
    if not all(a is None or isinstance(a, str) for a in args):
        return None
    return tuple(args)


def suite_calls(
    box: Sandbox,
    targets: Sequence[Target],
    sources: Mapping[Target, str],
    args: list[str],
    *,
    timeout: float,
    per_target: int = 40,
) -> Recorded:
    """Run pytest ``args`` once in ``box`` and return the calls its tests made to ``targets`` (``sources``: each
    target's file text, to know whether its first parameter is ``self``). Nothing found (a suite that does not
    call them, a run that left no report) is an empty result, logged."""
    out = f"{SCRATCH}/suite_calls.jsonl"
    spec = {
        "args": args,
        "targets": [
            {"path": t.path, "qualname": t.qualname, "skip_first": is_bound(sources[t], t.qualname)} for t in targets
        ],
        "per_target": per_target,
        "max_bytes": _MAX_BYTES,
        "out": out,
    }
    box.write(f"{SCRATCH}/suite_calls.json", json.dumps(spec))
    box.run(["rm", "-f", out], timeout=30)
    result = box.run(["python", "-c", _CODE, f"{SCRATCH}/suite_calls.json"], timeout=timeout)
    try:
        rows = json_rows(read_result(box, out, limit=_MAX_BYTES + 4096))
    except PermanentError:
        log.info("suite calls: no record (exit %d): %s", result.exit_code, result.stderr[-300:])
        return {}
    found: Recorded = {}
    for row in rows:
        index, args_seen = row.get("target"), _args(row)
        if type(index) is int and 0 <= index < len(targets) and args_seen is not None:
            listed = found.setdefault(targets[index], [])
            call = SuiteCall(args_seen, _args(row, "init"))
            if len(listed) < per_target and call not in listed:
                listed.append(call)
    return found
