"""Paths a patch may change only when its work kind's row allows it, and what no patch may change.

Path classes (a row's ``may_change`` names the ones it allows):

- ``ci``: CI configuration and workflows (``gate.ci_files``);
- ``runner_config``: what decides how tests run — ``gate.runner_config`` files (pytest.ini, tox.ini,
  conftest.py, sitecustomize/usercustomize, ``.pth``), a test package's ``__init__.py``, the pytest
  settings and ``pytest11`` plugin entry points in ``pyproject.toml`` and ``setup.cfg``, a new file in a
  test directory named like a module of the repository or the standard library (the tests would import
  it instead), and code that rewires the runner from the inside (``pytest_plugins``, pytest hooks,
  rebinding pytest or reaching for the gate's recorder);
- ``dependencies``: lockfiles (``gate.lockfiles``) and the files the sandbox's environment is built from.

Secrets and keys (``gate.forbidden``, ``gate.extra_forbidden``) are refused for every kind. A class a row
allows still makes the patch not low-risk (the gate stage says why).
"""

from __future__ import annotations

import configparser
import sys
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from fnmatch import fnmatchcase
from pathlib import PurePosixPath

from agentfleet.analysis import Violation, is_test_file, module_name
from agentfleet.contracts import Check
from agentfleet.flow.gate.config import GateConfig
from agentfleet.flow.kinds import Kind

__all__ = ["ci_paths", "forbidden_paths", "runner_config", "runner_config_changes"]

_UNREADABLE = object()


def _matches(path: str, patterns: Iterable[str]) -> str | None:
    return next((pattern for pattern in patterns if fnmatchcase(path, pattern)), None)


def forbidden_paths(paths: Iterable[str], conf: GateConfig, kind: Kind, dependency_files: Sequence[str] = ()) -> Check:
    """No secrets or keys; CI files and dependency files only for kinds whose row allows ``ci`` /
    ``dependencies``. Dependency files decide what the prepare step installs — with network — so only the
    deterministic dependency recipe may change them, never a fixer's free-form patch."""
    ci = [] if "ci" in kind.may_change else conf.ci_files
    dependency = [] if "dependencies" in kind.may_change else [*conf.lockfiles, *dependency_files]
    hits = []
    for path in sorted(paths):
        if path.split("/")[0].startswith(".agentfleet-gate"):
            hits.append(f"{path} (forbidden: the gate's own working files are named .agentfleet-gate*)")
        elif pattern := _matches(path, [*conf.forbidden, *conf.extra_forbidden]):
            hits.append(f"{path} (forbidden: {pattern})")
        elif pattern := _matches(path, ci):
            hits.append(
                f"{path} (forbidden: {pattern}) — CI configuration, which {kind.kind.value} work may not change"
            )
        elif pattern := _matches(path, dependency):
            hits.append(f"{path} (dependency file {pattern}: only dependency work may change it)")
    return Check(name="forbidden_paths", passed=not hits, evidence="; ".join(hits) or "no forbidden path touched")


def ci_paths(paths: Iterable[str], conf: GateConfig) -> list[str]:
    """The paths that are CI configuration (allowed only by a row with ``ci``; never low-risk)."""
    return [path for path in sorted(paths) if _matches(path, conf.ci_files)]


def _pytest_settings(path: str, text: str | None) -> object:
    """The pytest and coverage settings and pytest plugin entry points (``pytest11``) of ``pyproject.toml``
    / ``setup.cfg`` (``None``: none; unparsable: a unique value)."""
    if text is None:
        return None
    try:
        if path.endswith("pyproject.toml"):
            data = tomllib.loads(text)
            tool = data.get("tool", {})
            plugins = [data.get("project", {}).get("entry-points", {}), tool.get("poetry", {}).get("plugins", {})]
            return tool.get("pytest"), tool.get("coverage"), [entry.get("pytest11") for entry in plugins]
        parser = configparser.ConfigParser(interpolation=None)
        parser.read_string(text)
        names = [
            name for name in parser.sections() if name in ("tool:pytest", "pytest") or name.startswith("coverage:")
        ]
        sections = {name: dict(parser[name]) for name in names}
        return sections, parser.get("options.entry_points", "pytest11", fallback=None)
    except (tomllib.TOMLDecodeError, configparser.Error, AttributeError):
        return _UNREADABLE


_TOOL_MODULES = frozenset({"pytest", "_pytest", "pluggy", "iniconfig", "coverage", "py"})
"""The top-level modules of the test tools every sandbox runs the suite with (``sandboxes.config.TEST_TOOLS`` and
what they import): a new one in the repository would run or measure the tests in the tools' place."""


def _shadowed(path: str, modules: frozenset[str]) -> str | None:
    """The module a new Python file would stand in for: in a test directory, one of the repository's or the
    standard library's (the tests import it first); anywhere, a module of the repository of the same dotted
    name (a package ``pricing/__init__.py`` beside ``pricing.py``: Python imports the package, and the reviewed
    module is dead); at the top level (the root, ``src/``), a standard-library module (code run from there
    imports it instead: ``secrets.py``) or one of the test tools' (``src/coverage/__init__.py``: an editable
    install's ``src`` comes before the base tools)."""
    if not path.endswith(".py"):
        return None
    parts = PurePosixPath(path).parts
    name = parts[-2] if parts[-1] == "__init__.py" and len(parts) > 1 else PurePosixPath(path).stem
    if is_test_file(path):
        top = {module.split(".")[0] for module in modules}
        return name if name in top or name in sys.stdlib_module_names else None
    dotted = module_name(path)
    top_level = dotted is not None and "." not in dotted
    if dotted in modules or (top_level and (dotted in sys.stdlib_module_names or dotted in _TOOL_MODULES)):
        return dotted
    return None


def _path_reason(
    path: str, before: str | None, after: str | None, conf: GateConfig, modules: frozenset[str]
) -> str | None:
    name = PurePosixPath(path).name
    if before is None and after is not None and (shadowed := _shadowed(path, modules)):
        return f"{path} (stands in for the module {shadowed} wherever it is imported)"
    if pattern := _matches(path, conf.runner_config):
        return f"{path} (runner configuration: {pattern})"
    if name == "__init__.py" and is_test_file(path):
        return f"{path} (a test package's __init__.py runs before its tests)"
    if name in ("pyproject.toml", "setup.cfg"):
        old, new = _pytest_settings(path, before), _pytest_settings(path, after)
        if old is _UNREADABLE or new is _UNREADABLE or old != new:
            return f"{path} (its pytest or coverage settings change)"
    return None


def runner_config_changes(
    changes: Mapping[str, tuple[str | None, str | None]],
    conf: GateConfig,
    code: Sequence[Violation] = (),
    modules: frozenset[str] = frozenset(),
) -> list[str]:
    """Every way the patch changes how tests run: files (path → (before, after)), ``code`` findings, and new
    files that stand in for one of the repository's ``modules`` (dotted names) or the standard library's."""
    found = [reason for path, (b, a) in sorted(changes.items()) if (reason := _path_reason(path, b, a, conf, modules))]
    return found + [str(v) for v in code]


def runner_config(found: list[str], kind: Kind) -> Check:
    """Refused unless the row allows ``runner_config``; when it does, passed with the changes as evidence."""
    allowed = "runner_config" in kind.may_change
    if not found:
        return Check(name="runner_config", passed=True, evidence="the test runner's configuration is unchanged")
    note = "allowed for this work kind; never low-risk" if allowed else f"{kind.kind.value} work may not change it"
    return Check(name="runner_config", passed=allowed, evidence=f"changes how tests run ({note}): " + "; ".join(found))
