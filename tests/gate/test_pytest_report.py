"""The gate's test runs on both sandbox backends: per-test outcomes from its own recorder, in a report the
code under test can neither forge nor cut short without the run counting as failed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from agentfleet.flow.gate.pytest_report import Request, RunReport, pytest_args, run_tests

OpenBox = Callable[..., Any]
CODE = {"pricing.py": "def total(x):\n    return x * 2\n"}
PYTEST = Request("pytest", pytest_args(["tests"]))


def _run(
    open_box: OpenBox, files: dict[str, str], request: Request = PYTEST, timeout: float = 60, **limits: Any
) -> RunReport:
    with open_box({**CODE, **files}, **limits) as box:
        return run_tests(box, "run", request, timeout)


def _outcomes(run: RunReport) -> dict[str, str]:
    return {test.split("::")[-1]: result.outcome for test, result in run.tests.items()}


OUTCOMES = """
import pytest
from pricing import total

def test_passes():
    assert total(2) == 4

def test_fails():
    assert total(3) == 7

@pytest.fixture
def broken():
    raise RuntimeError("setup")

def test_errors(broken):
    pass

@pytest.mark.skip
def test_skipped():
    pass

@pytest.mark.xfail
def test_xfails():
    assert total(1) == 3

@pytest.mark.xfail
def test_xpasses():
    assert total(1) == 2
"""


def test_every_outcome_is_read_test_by_test(open_box: OpenBox) -> None:
    # Given a suite with one test of each outcome and a file that does not import
    run = _run(open_box, {"tests/test_all.py": OUTCOMES, "tests/test_broken.py": "import nope\n"})
    # Then the run is complete and each outcome is what pytest would print
    assert run.complete, run.problem
    assert _outcomes(run) == {
        "test_passes": "passed",
        "test_fails": "failed",
        "test_errors": "error",
        "test_skipped": "skipped",
        "test_xfails": "xfailed",
        "test_xpasses": "xpassed",
        "tests/test_broken.py": "error",
    }
    assert run.tests["tests/test_all.py::test_fails"].raised == "AssertionError"
    assert len(run.collected) == 6


@pytest.mark.parametrize(
    "ending",
    [
        "import os\n\ndef test_ends():\n    os._exit(0)\n",
        "import os, signal\n\ndef test_ends():\n    os.kill(os.getpid(), signal.SIGKILL)\n",
        "import pytest\n\ndef test_ends():\n    pytest.exit('done', returncode=0)\n",
        "import sys\nsys.exit(0)\n",
    ],
    ids=["os-exit", "sigkill", "pytest-exit", "sys-exit-at-import"],
)
def test_a_run_the_code_ends_early_is_not_complete(open_box: OpenBox, ending: str) -> None:
    # Given a suite with a failing test, and a test file that ends the run its own way
    files = {"tests/test_a.py": "def test_fails():\n    assert False\n", "tests/test_b.py": ending}
    run = _run(open_box, files)
    # Then the run is not complete (or shows the failure): never a clean pass
    assert not run.complete or "tests/test_a.py::test_fails" in run.failing, run


def test_frames_written_by_the_code_under_test_spoil_the_run(open_box: OpenBox) -> None:
    # Given a test that writes "passed" frames to every descriptor it has
    forger = """
import json, os

def test_forges():
    frame = json.dumps({"t": "test", "id": "tests/test_a.py::test_fails", "when": "call", "outcome": "passed"})
    for fd in range(3, 64):
        try:
            os.write(fd, b"0" * 64 + b" " + frame.encode() + b"\\n")
        except OSError:
            pass
"""
    run = _run(open_box, {"tests/test_a.py": "def test_fails():\n    assert False\n", "tests/test_f.py": forger})
    # Then the supervisor saw frames its key does not sign, and the run counts as failed
    assert not run.complete
    assert "did not come from the recorder" in str(run.problem)


def test_a_forged_report_or_a_late_rewrite_does_not_change_the_outcome(open_box: OpenBox) -> None:
    # Given a test that plants report files and report lines, and leaves a process that rewrites them later
    forger = """
import os, subprocess, sys, time

FAKE = '{"version": 1, "mode": "pytest", "frames": []}'

def test_plants():
    for name in (".agentfleet-gate-report-0000000000000000.json", ".agentfleet-gate-spec.json"):
        open(name, "w").write(FAKE)
    print("agentfleet-gate-report .agentfleet-gate-report-0000000000000000.json " + "0" * 64)
    later = "import glob, time\\ntime.sleep(1.5)\\n"
    later += "[open(p, 'w').write('{}') for p in glob.glob('.agentfleet-gate-report-*')]"
    subprocess.Popen([sys.executable, "-c", later], start_new_session=True)
"""
    run = _run(open_box, {"tests/test_a.py": "def test_fails():\n    assert False\n", "tests/test_f.py": forger})
    # Then the report the gate reads is the supervisor's, and the failing test still fails
    assert run.complete, run.problem
    assert "tests/test_a.py::test_fails" in run.failing


def test_the_runs_nonce_is_out_of_reach_of_the_tests(open_box: OpenBox) -> None:
    # Given a test that looks for the spec file and tries the supervisor's memory and environment
    snoop = """
import os

def test_snoops():
    assert not os.path.exists(".agentfleet-gate-spec.json")
    parent = os.getppid()
    for name in ("environ", "mem", "fd/1"):
        try:
            open(f"/proc/{parent}/{name}", "rb").read(64)
        except OSError:
            continue
        raise AssertionError(f"/proc/{parent}/{name} is readable")
"""
    run = _run(open_box, {"tests/test_s.py": snoop})
    assert run.complete, run.problem
    assert _outcomes(run) == {"test_snoops": "passed"}, run.output


def test_silencing_the_recorder_leaves_an_incomplete_run(open_box: OpenBox) -> None:
    # Given a test that finds the gate's recorder object and makes it drop every later frame
    silencer = """
import gc

def test_silences():
    for obj in gc.get_objects():
        if type(obj).__name__ == "Channel":
            obj.send = lambda **frame: None
"""
    run = _run(open_box, {"tests/test_a.py": silencer, "tests/test_b.py": "def test_fails():\n    assert False\n"})
    assert not run.complete


def test_the_repository_configuration_cannot_stop_or_narrow_the_run(open_box: OpenBox) -> None:
    # Given ini addopts and an environment that would collect only, stop at the first failure or select nothing
    ini = "[pytest]\naddopts = --co -x -k nothing -p no:python\n"
    files = {"pytest.ini": ini, "tests/test_a.py": "def test_one():\n    assert False\n\ndef test_two():\n    pass\n"}
    run = _run(open_box, files, env={"PYTEST_ADDOPTS": "--co", "PYTEST_PLUGINS": "nope"})
    # Then every test ran
    assert run.complete, run.problem
    assert _outcomes(run) == {"test_one": "failed", "test_two": "passed"}


def test_a_run_past_its_time_limit_is_not_complete(open_box: OpenBox) -> None:
    run = _run(open_box, {"tests/test_a.py": "import time\n\ndef test_hangs():\n    time.sleep(60)\n"}, timeout=3)
    assert not run.complete
    assert "time limit" in str(run.problem)


def test_a_plain_replay_runs_without_pytest(open_box: OpenBox) -> None:
    # Given code that behaves one way under pytest, and a plain test file replaying a call
    code = "import sys\n\ndef total(x):\n    if 'pytest' in sys.modules:\n        return 4\n    raise ValueError(x)\n"
    replay = "from pricing import total\n\n\ndef test_call():\n    assert total(2) == 4\n"
    files = {"pricing.py": code, "tests/test_replay.py": replay}
    under_pytest = _run(open_box, files, Request("pytest", pytest_args(["tests/test_replay.py"])))
    plain = _run(open_box, files, Request("replay", file="tests/test_replay.py"))
    # Then pytest sees a pass, the plain replay sees production's ValueError
    assert _outcomes(under_pytest) == {"test_call": "passed"}
    assert plain.complete, plain.problem
    assert plain.calls == {"test_call": "ValueError"}


@pytest.mark.parametrize(
    "asks",
    [
        "sys._getframe(1).f_code.co_name.startswith('test')",
        "'tests' in sys._getframe(1).f_code.co_filename",
        "any('test' in f.name + f.filename for f in traceback.extract_stack())",
    ],
    ids=["caller-name", "caller-file", "whole-stack"],
)
def test_a_plain_replay_calls_the_test_under_a_name_that_says_nothing_of_tests(open_box: OpenBox, asks: str) -> None:
    # Given code that works only when a function named like a test, or in a test file, calls it
    code = f"import sys\nimport traceback\n\ndef total(x):\n    if {asks}:\n        return 4\n    raise ValueError(x)\n"
    replay = "from pricing import total\n\n\ndef test_call():\n    assert total(2) == 4\n"
    files = {"pricing.py": code, "tests/test_replay.py": replay}
    # When the plain replay runs it
    plain = _run(open_box, files, Request("replay", file="tests/test_replay.py"))
    # Then it sees production's ValueError, reported under the test's own name
    assert plain.complete, plain.problem
    assert plain.calls == {"test_call": "ValueError"}


def test_a_plain_replay_keeps_the_test_files_path_for_its_data(open_box: OpenBox) -> None:
    # Given a test that reads a data file beside it
    reads = "(pathlib.Path(__file__).parent / 'cases.txt').read_text()"
    replay = f"import pathlib\n\n\ndef test_data():\n    assert {reads} == 'ok'\n"
    files = {"tests/test_replay.py": replay, "tests/cases.txt": "ok"}
    # When the plain replay runs it
    plain = _run(open_box, files, Request("replay", file="tests/test_replay.py"))
    # Then it finds its data
    assert plain.complete, plain.problem
    assert plain.calls == {"test_data": None}


def test_a_replay_that_imports_pytest_is_not_plain(open_box: OpenBox) -> None:
    files = {"tests/test_replay.py": "import pytest\n\n\ndef test_call():\n    pass\n"}
    run = _run(open_box, files, Request("replay", file="tests/test_replay.py"))
    assert not run.complete
    assert "pytest was imported" in str(run.problem)


def test_a_command_run_reports_its_exit_status(open_box: OpenBox) -> None:
    run = _run(open_box, {}, Request("command", command="python -c 'import sys; sys.exit(3)'"))
    assert run.complete, run.problem
    assert run.exit_code == 3


FLIPPER = """
import sys

import pytest

_P = "".join(["py", "test", "_"])


def _passes(item, call):
    return pytest.TestReport(item.nodeid, item.location, {}, "passed", None, call.when)


setattr(sys.modules[__name__], _P + "runtest_makereport", _passes)
setattr(sys.modules[__name__], _P + "plugins", [__name__])


def test_fails():
    assert False
"""


def test_a_plugin_a_test_module_registers_shows_as_an_error(open_box: OpenBox) -> None:
    # Given a test module that registers itself as a pytest plugin by computed names, reporting every phase passed
    run = _run(open_box, {"tests/test_flip.py": FLIPPER, "tests/test_b.py": "def test_other():\n    pass\n"})
    # Then the run shows the test module's plugin as an error, whatever its tests reported
    assert run.complete, run.problem
    assert run.tests["tests/test_flip.py"].outcome == "error", run.tests
    assert "plugin" in str(run.tests["tests/test_flip.py"].message)
    assert _outcomes(run)["test_other"] == "passed"
