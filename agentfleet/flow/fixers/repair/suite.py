"""Which tests a repository's test command runs, when it is a plain pytest command: the suite a patch keeps green.

``python -m pytest -q tests/unit -k fast`` runs the tests pytest selects with ``tests/unit -k fast``; the
engine's probe and its whole-suite runs use that selection instead of everything pytest would collect, so
a repository whose command leaves tests out (they need a service, or belong to another bug) is repaired
against the tests its owners run. Anything else (``make test``, ``tox``, a chain of commands) gives
``None``: pytest's default collection, checked once more at the end by running the command itself.
"""

from __future__ import annotations

import shlex

__all__ = ["pytest_selection"]

_LAUNCHERS = (("pytest",), ("py.test",), ("python", "-m", "pytest"), ("python3", "-m", "pytest"))
_SHELL = frozenset({"&&", "||", ";", "|", "&", ">", ">>", "<", "2>&1"})
_OUTPUT_FLAGS = frozenset({"-q", "-qq", "-v", "-vv", "-s", "-x", "-l", "--quiet", "--verbose", "--exitfirst"})
_OUTPUT_PREFIXES = ("--tb=", "--color=", "-r", "--durations=", "--no-header", "--showlocals")


def _is_output_only(arg: str) -> bool:
    return arg in _OUTPUT_FLAGS or arg.startswith(_OUTPUT_PREFIXES)


def pytest_selection(command: str) -> list[str] | None:
    """The arguments of ``command`` that choose which tests pytest runs (paths, node ids, ``-k``, ``-m``,
    …), or ``None`` when it is not one plain pytest invocation or chooses nothing (pytest's default)."""
    try:
        argv = shlex.split(command)
    except ValueError:
        return None
    if _SHELL.intersection(argv):
        return None
    for launcher in _LAUNCHERS:
        if tuple(argv[: len(launcher)]) == launcher:
            chosen = [arg for arg in argv[len(launcher) :] if not _is_output_only(arg)]
            return chosen or None
    return None
