"""The gate's own pytest command line: its configuration first, the operator's selection second.

The ini files' own ``addopts`` are switched off (``-o addopts=``), the rootdir and conftest boundary are
pinned to the working copy, the cache (``--lf``, ``--sw``) and the plugins that reorder or distribute
tests are off, and a file that fails to collect does not stop the others. From the base commit's
``addopts`` (``repo_addopts``; a patch may not change them) and the fleet file's ``test`` command (the
operators') the gate keeps what selects tests and how they import (paths, ``-m``, ``-k``,
``--deselect``, ``-o``, ``--import-mode``…) and drops what would stop a run early, load code (``-p``)
or change what a report means. A proof run keeps only the ``--import-mode``.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence

from agentfleet.sandboxes.layout import WORKDIR

__all__ = ["GATE_ARGS", "import_mode", "kept_args", "operator_args", "pytest_args"]

GATE_ARGS = (
    "-p",
    "no:cacheprovider",
    "-p",
    "no:randomly",
    "-p",
    "no:xdist",
    "-o",
    "addopts=",
    f"--rootdir={WORKDIR}",
    f"--confcutdir={WORKDIR}",
    "--continue-on-collection-errors",
    "--color=no",
    "--tb=short",
    "-q",
)
"""What every gate run passes before anything else."""

_DROP = frozenset(
    {
        "-x",
        "--exitfirst",
        "--co",
        "--collect-only",
        "--lf",
        "--last-failed",
        "--ff",
        "--failed-first",
        "--nf",
        "--new-first",
        "--sw",
        "--stepwise",
        "--sw-skip",
        "--stepwise-skip",
        "--pdb",
        "--trace",
        "--cache-clear",
        "--setup-only",
        "--setup-plan",
        "--fixtures",
        "--fixtures-per-test",
        "--markers",
        "-h",
        "--help",
        "--version",
        "-V",
    }
)
"""Flags that stop a run early, skip tests by history, or do not run tests at all."""
_DROP_VALUE = frozenset(
    {
        "-p",
        "-c",
        "--config-file",
        "--rootdir",
        "--confcutdir",
        "--maxfail",
        "-n",
        "--numprocesses",
        "--dist",
        "--junitxml",
        "--junit-xml",
        "--lfnf",
        "--last-failed-no-failures",
        "--pdbcls",
    }
)
"""Options (with their value) the gate sets itself or that load code or stop early."""
_SHORT_VALUE = frozenset("kmponcWr")


def _after_pytest(tokens: list[str]) -> list[str] | None:
    for index, token in enumerate(tokens):
        name = token.rsplit("/", 1)[-1]
        if name in ("pytest", "py.test") or (token == "-m" and tokens[index + 1 : index + 2] == ["pytest"]):
            return tokens[index + (2 if token == "-m" else 1) :]
    return None


def operator_args(test_command: str) -> list[str]:
    """The selection arguments of the fleet file's ``test`` command (nothing when it is not pytest)."""
    return kept_args(_after_pytest(shlex.split(test_command)) or [])


def import_mode(args: Sequence[str]) -> list[str]:
    """Only the ``--import-mode`` of ``args``: what a proof run needs to import the tests as the suite does."""
    for index, token in enumerate(args):
        if token.startswith("--import-mode="):
            return [token]
        if token == "--import-mode" and index + 1 < len(args):
            return [f"--import-mode={args[index + 1]}"]
    return []


def kept_args(tokens: Sequence[str]) -> list[str]:
    """``tokens`` without what stops a run early, loads code, or changes what a report means."""
    kept: list[str] = []
    skip_value = False
    for token in tokens:
        if skip_value:
            skip_value = False
            continue
        name = token.split("=", 1)[0]
        if name in _DROP:
            continue
        if name in _DROP_VALUE:
            skip_value = "=" not in token
            continue
        if token[:1] == "-" and token[1:2] in ("p", "n", "c") and token[:2] not in ("--",):
            continue  # -pplugin, -n4, -cfile: attached values of options the gate controls
        if token[:1] == "-" and token[1:2] != "-" and "x" in token[1:] and token[1:2] not in _SHORT_VALUE:
            continue  # a cluster of short flags with -x in it
        kept.append(token)
    return kept


def pytest_args(
    selection: Sequence[str], test_command: str | None = None, addopts: Sequence[str] = ()
) -> tuple[str, ...]:
    """The gate's arguments, the base commit's ``addopts`` and the operator's ``test_command`` (both kept by
    ``kept_args``), then ``selection`` (paths or test ids)."""
    operator = operator_args(test_command) if test_command else []
    return (*GATE_ARGS, *kept_args(addopts), *operator, *selection)
