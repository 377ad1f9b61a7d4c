"""The ``addopts`` of the base commit's pytest configuration, read host-side from git (nothing runs).

pytest reads the first of these in the rootdir that configures it: ``pytest.ini``, ``.pytest.ini``,
``pytest.toml``, ``.pytest.toml``, ``pyproject.toml`` (``[tool.pytest.ini_options]`` or
``[tool.pytest]``), ``tox.ini`` (``[pytest]``), ``setup.cfg`` (``[tool:pytest]``). The gate switches the
ini's ``addopts`` off and passes what it keeps of them itself (``command.kept_args``).
"""

from __future__ import annotations

import configparser
import shlex
import tomllib
from collections.abc import Callable

__all__ = ["repo_addopts"]


def _from_ini(text: str, section: str) -> list[str] | None:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text)
    except configparser.Error:
        return None
    if not parser.has_section(section):
        return None
    return shlex.split(parser.get(section, "addopts", fallback=""))


def _from_toml(text: str, tables: tuple[str, ...]) -> list[str] | None:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None
    for table in tables:
        found = data
        for key in table.split("."):
            found = found.get(key, {}) if isinstance(found, dict) else {}
        if found:
            value = found.get("addopts", "") if isinstance(found, dict) else ""
            return shlex.split(value) if isinstance(value, str) else [str(v) for v in value]
    return None


def repo_addopts(read: Callable[[str], str | None]) -> list[str]:
    """The ``addopts`` pytest would use at the repository root; ``read(path)`` gives a file's text or ``None``."""
    candidates: list[tuple[str, Callable[[str], list[str] | None]]] = [
        ("pytest.ini", lambda t: _from_ini(t, "pytest") or []),
        (".pytest.ini", lambda t: _from_ini(t, "pytest") or []),
        ("pytest.toml", lambda t: _from_toml(t, ("pytest",)) or []),
        (".pytest.toml", lambda t: _from_toml(t, ("pytest",)) or []),
        ("pyproject.toml", lambda t: _from_toml(t, ("tool.pytest.ini_options", "tool.pytest"))),
        ("tox.ini", lambda t: _from_ini(t, "pytest")),
        ("setup.cfg", lambda t: _from_ini(t, "tool:pytest")),
    ]
    for path, parse in candidates:
        text = read(path)
        if text is not None and (found := parse(text)) is not None:
            return found
    return []
