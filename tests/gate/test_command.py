"""The gate's pytest command line: its own options, then what it keeps of the repo's and the operators'."""

from __future__ import annotations

import pytest

from agentfleet.flow.gate.pytest_report import import_mode, pytest_args, repo_addopts
from agentfleet.flow.gate.pytest_report.command import GATE_ARGS, operator_args


@pytest.mark.parametrize(
    ("command", "kept"),
    [
        ("python -m pytest -q -p no:cacheprovider", ["-q"]),
        ("pytest -x --maxfail=2 -m 'not slow' tests/unit", ["-m", "not slow", "tests/unit"]),
        (
            "python -m pytest -xq --lf -pplugin -n4 -k fast --deselect tests/a.py::t",
            ["-k", "fast", "--deselect", "tests/a.py::t"],
        ),
        ("make test", []),
    ],
)
def test_the_operators_command_keeps_selection_and_drops_what_stops_or_loads(command: str, kept: list[str]) -> None:
    assert operator_args(command) == kept


def test_the_gates_own_options_come_first_and_its_selection_last() -> None:
    args = pytest_args(["tests/test_x.py"], "pytest -q", ["--import-mode=importlib", "--co"])
    assert args == (*GATE_ARGS, "--import-mode=importlib", "-q", "tests/test_x.py")


@pytest.mark.parametrize(
    ("files", "addopts"),
    [
        (
            {"pytest.ini": "[pytest]\naddopts = -ra --import-mode importlib\n", "tox.ini": "[pytest]\naddopts = -x\n"},
            ["-ra", "--import-mode", "importlib"],
        ),
        ({"pytest.ini": "", "pyproject.toml": '[tool.pytest.ini_options]\naddopts = "-x"\n'}, []),
        (
            {"pyproject.toml": '[tool.pytest.ini_options]\naddopts = "-q --strict-markers"\n'},
            ["-q", "--strict-markers"],
        ),
        ({"pyproject.toml": '[tool.pytest]\naddopts = ["-q"]\n'}, ["-q"]),
        ({"pyproject.toml": '[project]\nname = "x"\n', "setup.cfg": "[tool:pytest]\naddopts = -s\n"}, ["-s"]),
        ({}, []),
    ],
)
def test_the_repos_addopts_come_from_the_file_pytest_would_read(files: dict[str, str], addopts: list[str]) -> None:
    assert repo_addopts(files.get) == addopts


def test_a_proof_run_keeps_only_how_tests_import() -> None:
    assert import_mode(["-m", "slow", "--import-mode", "importlib"]) == ["--import-mode=importlib"]
    assert import_mode(["-k", "x"]) == []
