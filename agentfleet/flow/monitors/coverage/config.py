"""Fleet-file ``[repos.coverage]``: what the coverage monitor reports, how the tests fixer works, what the gate asks."""

from __future__ import annotations

from pydantic import Field

from agentfleet.core.config_base import ComponentConfig

__all__ = ["TOOLING", "CoverageConfig"]

DOCS_FOLDERS = ("docs/*", "doc/*")
"""The docs' folders: Sphinx's ``conf.py`` and extensions, a tutorial's sample code (pluggy's
``docs/examples/eggsample/``), which no test imports."""
BUILD_BOOTSTRAPS = ("versioneer.py", "ez_setup.py", "distribute_setup.py")
"""Build tools a project copies into its root: ``versioneer install``'s module, setuptools' and distribute's
bootstrap scripts (xmltodict still ships ``ez_setup.py``)."""
TASK_RUNNERS = ("noxfile.py", "fabfile.py", "dodo.py")
"""The files nox, Fabric and doit read their tasks from (webcolors' ``noxfile.py`` sessions): development
automation, run by the tool, never imported by a test."""
EXAMPLES = ("examples/*", "example/*", "demo/*", "demos/*")
"""Folders of sample scripts at the repository's root (sqlparse 0.5's ``examples/extract_table_names.py``): they show
how to use the library, no wheel ships them and no test imports them."""
TOOLING = (*DOCS_FOLDERS, *BUILD_BOOTSTRAPS, *TASK_RUNNERS, *EXAMPLES)
"""Files of the docs' and the build's tooling and sample scripts, not of the library (omitted by default): the docs'
folders, the build bootstraps copied into the repository, task runners' files, the root's example folders."""


class CoverageConfig(ComponentConfig):
    """Test expansion for one repository: the ``coverage`` monitor, the ``tests`` fixer and its gate checks."""

    min_diff_coverage: float = Field(default=0.8, ge=0, le=1)
    """A function is reported when tests run less than this share of its changed lines and branches; the gate
    asks the new tests to bring the target lines and branches up to it."""
    min_function_coverage: float | None = Field(default=None, ge=0, le=1)
    """Also report whole functions (changed or not) whose line and branch coverage is below this; unset: off."""
    include: list[str] = Field(default_factory=lambda: ["*.py"])
    """Source paths looked at (fnmatch globs, ``*`` matches ``/``); test files are always left out."""
    omit: list[str] = Field(default_factory=lambda: list(TOOLING))
    """Source paths never looked at (globs), e.g. ``["*/migrations/*", "setup.py"]``; default: ``docs/``, ``doc/``,
    ``versioneer.py``, ``ez_setup.py``, ``distribute_setup.py``, ``noxfile.py``, ``fabfile.py``, ``dodo.py`` and the
    root's ``examples/``, ``example/``, ``demo/``, ``demos/`` (docs, build and task tooling, sample scripts: no library
    code)."""
    max_items_per_run: int = Field(default=5, ge=1)
    """Most findings one monitor run reports; the rest are reported by the next runs."""
    since: str | None = None
    """Commit or tag the first audit counts changes from; unset: the first audit only records HEAD."""
    suite_timeout_s: int = Field(default=240, ge=10)
    """Wall-clock limit of one run of the whole suite under coverage (the monitor task itself stops at 300 s:
    raise both, with ``AGENTFLEET_CELERY__HARD_LIMIT_SCALE``, for a longer suite)."""
    test_timeout_s: float = Field(default=10.0, gt=0)
    """Per-test limit: a test (old or generated) running longer fails there."""
    pynguin: bool = True
    """Generate tests with Pynguin first (its own tool environment); ``false``: the characterisation writer only."""
    pynguin_version: str = Field(default="0.48.0", pattern=r"^[0-9][0-9A-Za-z.+-]*$")
    """The Pynguin release installed in the tool environment (it supports Python 3.10 to 3.14)."""
    search_budget_s: int = Field(default=30, ge=1)
    """Pynguin's search time (DynaMOSA) for one module."""
    max_calls: int = Field(default=120, ge=1)
    """Most calls the characterisation writer tries per function."""
    max_tests: int = Field(default=8, ge=1)
    """Most tests kept for one function after minimisation."""
    runs: int = Field(default=3, ge=1, le=10)
    """Times the new tests must pass, each run a fresh process in a random order (fixer and gate)."""
    max_mutants: int = Field(default=30, ge=1)
    """Mutants made on the target lines (repair templates as mutation operators)."""
    min_new_kills: int = Field(default=1, ge=0)
    """Mutants the new tests must kill that the old suite does not: tests that assert nothing are refused."""
    each_test_kills: bool = True
    """Each new test that runs the target lines must kill one of their mutants on its own: a test no change to the
    target can fail (``f(x) == f(x)``, a tolerance wider than the answer) is refused beside a strong one."""
    max_added_seconds: float = Field(default=10.0, ge=0)
    """Most seconds the new tests may add to the suite."""
