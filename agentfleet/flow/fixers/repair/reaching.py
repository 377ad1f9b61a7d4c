"""Which test files can run the code of the files a repair edits: the suite a ``--tests`` repair keeps green.

A repository of several programs (``programs/x.py`` + ``tests/test_x.py`` each, QuixBugs' layout) holds many
bugs at once; repairing one with ``--tests`` used to run every other program's tests at the base commit to
learn which already failed (10 s for the first that hangs, 3 s for each after). An edit to ``programs/x.py``
can only change a test that loads that file, and Python loads a file by naming it: an import (``x``,
``from programs import x``), a package (``pkg`` for ``pkg/__init__.py``), a path handed to a subprocess. So
a file *reaches* another when its text has the other's name as a word, and reaching is transitive; a test
file reaches an edited file when it, or a ``conftest.py`` in its directory or above, does. The reading is
conservative: a file that loads modules by computed names (``importlib``, ``__import__``, ``runpy``,
``pkgutil``, ``exec``) reaches every file, and a pytest configuration that collects doctests or other file
names gives ``None`` (no restriction: the whole suite).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from agentfleet.core.errors import PermanentError

if TYPE_CHECKING:
    from agentfleet.sandboxes import Sandbox

__all__ = ["CONFIG_FILES", "python_sources", "reaching_tests"]

CONFIG_FILES = ("pytest.ini", "pyproject.toml", "setup.cfg", "tox.ini")
"""Where pytest reads options that change what it collects."""
_DYNAMIC = re.compile(r"\b(importlib|__import__|runpy|pkgutil|exec|execfile)\b")
_COLLECTS_MORE = re.compile(r"doctest|python_files")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _name(path: str) -> str:
    """The name a file is loaded by: its stem, or its package's for ``__init__.py``."""
    p = PurePosixPath(path)
    return p.parent.name if p.stem == "__init__" else p.stem


def _is_test_module(path: str) -> bool:
    """A file pytest collects tests from by default (``test_*.py``, ``*_test.py``)."""
    name = PurePosixPath(path).name
    return name.startswith("test_") or name.endswith("_test.py")


def _reachers(sources: Mapping[str, str], targets: Iterable[str]) -> set[str]:
    """Every file of ``sources`` whose text names a target or, transitively, a file that does."""
    words = {path: set(_WORD.findall(text)) for path, text in sources.items()}
    dynamic = {path for path, text in sources.items() if _DYNAMIC.search(text)}
    reached = set(targets)
    frontier = list(reached)
    while frontier:
        name = _name(frontier.pop())
        for path, named in words.items():
            if path not in reached and (name in named or path in dynamic):
                reached.add(path)
                frontier.append(path)
    return reached


def _under(path: str, directory: str) -> bool:
    return directory in ("", ".") or path.startswith(directory.rstrip("/") + "/")


def reaching_tests(
    sources: Mapping[str, str], targets: Iterable[str], config: Mapping[str, str], selection: list[str] | None
) -> list[str] | None:
    """The test modules of ``sources`` (repo-relative path → text of every Python file) that can run the code
    of ``targets``, within ``selection`` (the test command's pytest arguments; ``None``: all), or ``None`` when
    that cannot be read safely: ``selection`` has options (``-k``, ``-m``…) or node ids, or ``config`` (the text of the
    repository's pytest configuration files) makes pytest collect doctests or other file names."""
    if any(_COLLECTS_MORE.search(text) for text in config.values()):
        return None
    if selection and any(arg.startswith("-") or "::" in arg for arg in selection):
        return None
    reached = _reachers(sources, targets)
    conftests = [PurePosixPath(p).parent.as_posix() for p in reached if PurePosixPath(p).name == "conftest.py"]
    found = []
    for path in sorted(sources):
        if not _is_test_module(path):
            continue
        if selection and not any(path == arg or _under(path, arg) for arg in selection):
            continue
        if path in reached or any(_under(path, directory) for directory in conftests):
            found.append(path)
    return found


def python_sources(box: Sandbox) -> tuple[dict[str, str], dict[str, str]]:
    """Every Python file of the sandbox's working copy (hidden directories, caches and installed packages left
    out) and its pytest configuration files, each by repo-relative path → text."""
    pruned = ["-name", ".*", "-o", "-name", "__pycache__", "-o", "-name", "site-packages"]
    pruned += ["-o", "-name", "node_modules"]
    argv = ["find", ".", "-mindepth", "1", "(", *pruned, ")", "-prune", "-o", "-name", "*.py", "-type", "f", "-print"]
    listed = box.run(argv, timeout=60).stdout.splitlines()
    return _read(box, [line.removeprefix("./") for line in listed]), _read(box, list(CONFIG_FILES))


def _read(box: Sandbox, paths: list[str]) -> dict[str, str]:
    texts = {}
    for path in paths:
        try:
            texts[path] = box.read(path)
        except PermanentError:
            continue
    return texts
