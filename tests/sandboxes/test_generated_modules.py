"""What a repo's ``setup`` builds into its own working copy (a version file from git) survives the prepare step."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from agentfleet.flow.gate.pytest_report.harness import Request, run_harnessed

OpenBox = Callable[..., Any]

PACKAGE = {
    "src/pkg/__init__.py": "from pkg._version import __version__\n",
    "tests/test_version.py": "import pkg\n\n\ndef test_version():\n    assert pkg.__version__\n",
    "pytest.ini": "[pytest]\npythonpath = src\n",
}
# What hatch-vcs / setuptools-scm do on `pip install -e .`: a version from git (or the pretend variable),
# written into the source tree; with neither, the build fails.
SCM_BUILD = (
    "python -c \"import os, sys; v = os.environ.get('SETUPTOOLS_SCM_PRETEND_VERSION'); "
    "sys.exit('setuptools-scm was unable to detect version') if v is None else "
    "open('src/pkg/_version.py', 'w').write(repr(v).join(['__version__ = ', chr(10)]))\""
)


def test_a_version_file_the_setup_generates_from_git_is_importable_in_later_sandboxes(open_box: OpenBox) -> None:
    # Given a package whose build takes its version from git and writes it into the source tree
    # When a sandbox opens on it (the prepare step's workspace has no .git and is thrown away)
    with open_box(PACKAGE, setup=SCM_BUILD) as box:
        tests = box.run("python -m pytest -q")
        version = box.run(["python", "-c", "import sys; sys.path.insert(0, 'src'); import pkg; print(pkg.__version__)"])
        tracked = box.run("ls src/pkg")
    # Then the build got a version, and the generated module imports from the prepared environment
    assert tests.ok, tests.stdout + tests.stderr
    assert version.stdout.strip() == "0.0.0+agentfleet"
    # And the working copy holds only the repo's own files (a patch never picks the generated one up)
    assert tracked.stdout.split() == ["__init__.py"]


def test_a_module_the_working_copy_has_wins_over_the_generated_one(open_box: OpenBox) -> None:
    # Given a repo that tracks its version file, and a setup that generates another
    files = {**PACKAGE, "src/pkg/_version.py": "__version__ = 'tracked'\n"}
    setup = "echo \"__version__ = 'generated'\" > src/pkg/_version.py"
    # When a sandbox opens on it
    with open_box(files, setup=setup) as box:
        version = box.run(["python", "-c", "import sys; sys.path.insert(0, 'src'); import pkg; print(pkg.__version__)"])
    # Then the working copy's module is imported
    assert version.stdout.strip() == "tracked", version.stderr


# What flit's and poetry-core's editable installs write: a ``<name>.pth`` file holding the source folder.
PTH_INSTALL = (
    'python -c "import sysconfig; '
    "open(sysconfig.get_paths()['purelib'] + '/packaging.pth', 'w').write('/workspace/src' + chr(10))\""
)


def test_the_repos_own_package_wins_over_a_base_tools_copy_of_it(open_box: OpenBox) -> None:
    # Given a library the test runner also depends on (pytest imports packaging), installed editable by a .pth
    files = {
        "src/packaging/__init__.py": "__version__ = 'ours'\n",
        "tests/test_ours.py": "import packaging\n\n\ndef test_ours():\n    assert packaging.__version__ == 'ours'\n",
    }
    # When a sandbox opens on it
    with open_box(files, setup=PTH_INSTALL) as box:
        imported = box.run(["python", "-c", "import packaging; print(packaging.__version__)"])
        tests = box.run("python -m pytest -q -p no:cacheprovider tests")
    # Then the repo's own copy is the one imported, by its tests too, not the base environment's
    assert imported.stdout.strip() == "ours", imported.stdout + imported.stderr
    assert tests.ok, tests.stdout + tests.stderr


def test_the_gates_pytest_is_the_base_tools_even_where_the_repos_source_holds_its_modules(open_box: OpenBox) -> None:
    # Given a repo installed editable by a path file whose source folder holds a module pytest imports (pluggy)
    files = {
        "src/packaging/__init__.py": "__version__ = 'ours'\n",
        "src/pluggy/__init__.py": "raise SystemExit('the repository stood in for pytest')\n",
        "tests/test_ours.py": "import packaging\n\n\ndef test_ours():\n    assert packaging.__version__ == 'ours'\n",
    }
    with open_box(files, setup=PTH_INSTALL) as box:
        # When the gate runs the suite under its supervisor
        run = run_harnessed(box, Request(mode="pytest", args=("-q", "-p", "no:cacheprovider", "tests")), timeout=120)
    # Then pytest and its plugins came from the base tools, and the tests still import the repo's own package
    assert run.report is not None, run.problem
    outcomes = [frame.get("outcome") for frame in run.report["frames"] if frame.get("t") == "test"]
    assert "passed" in outcomes, run.report


# A project with a setup.py and no pyproject.toml: pip's legacy editable install (``setup.py develop``) links the
# working copy and writes the project's metadata there, into ``pkg.egg-info`` (wcwidth, many older projects).
LEGACY_PROJECT = {
    "setup.py": (
        "from setuptools import setup\n\n"
        "setup(name='pkg', version='1.2.3', packages=['pkg'],\n"
        "      entry_points={'pkg.plugins': ['one = pkg:one']})\n"
    ),
    "pkg/__init__.py": "def one():\n    return 1\n",
}
METADATA = (
    "import importlib.metadata as m; print(m.version('pkg'), [e.name for e in m.entry_points(group='pkg.plugins')])"
)


def test_the_metadata_a_legacy_editable_install_writes_into_the_working_copy_is_found(open_box: OpenBox) -> None:
    # Given a setup.py-only project installed editable the legacy way (its metadata goes into the working copy)
    # When a later sandbox opens on it (the prepare step's workspace, egg-info included, is thrown away)
    with open_box(LEGACY_PROJECT, setup="pip install --no-deps --no-build-isolation --no-index -e .") as box:
        found = box.run(["python", "-c", METADATA])
        tracked = box.run("ls")
    # Then its version and entry points are read as an installed distribution's (a suite comparing
    # `importlib.metadata.version(...)` with `__version__`, a plugin found by its entry point)
    assert found.stdout.split() == ["1.2.3", "['one']"], found.stdout + found.stderr
    # And the working copy holds only the repo's own files
    assert tracked.stdout.split() == ["pkg", "setup.py"]
