"""What the host reads back from a sandbox is hostile: FIFOs, huge files, deep trees and huge diffs are refused,
promptly and with an error naming the limit, never waited on, recursed into or read whole. Both backends."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from agentfleet.core.errors import PermanentError
from agentfleet.flow.fixers.repair.runner import SCRATCH, run_probe
from agentfleet.flow.gate.pytest_report.harness import Request, run_harnessed
from agentfleet.sandboxes.hostfs import remove_tree, walk

APP = {
    "app.py": "def add(a, b):\n    return a + b\n",
    "test_app.py": "from app import add\n\n\ndef test_add():\n    assert add(1, 2) == 3\n",
}
DEEP = 1_100
"""Directories deep: past Python's default recursion limit."""

OpenBox = Callable[..., Any]


def test_a_fifo_where_a_file_should_be_is_refused_without_waiting(open_box: OpenBox) -> None:
    with open_box(APP) as box:
        box.run("mkfifo result.json && ln -s result.json link.json")
        for name in ("result.json", "link.json"):
            with pytest.raises(PermanentError, match="not a regular file"):
                box.read(name)


def test_the_repair_probe_refuses_a_result_file_a_test_swapped_for_a_fifo(open_box: OpenBox) -> None:
    # Given a test suite whose atexit hook replaces the probe's result file with a FIFO once it is written
    swap = (
        "import atexit, os\n\n\n"
        "def _swap():\n"
        f"    out = '{SCRATCH}/probe-out.json'\n"
        "    if os.path.exists(out):\n"
        "        os.remove(out)\n"
        "    os.mkfifo(out)\n\n\n"
        "atexit.register(_swap)\n"
    )
    # When the repair engine probes the tests, Then it reports no result instead of blocking forever
    with open_box({**APP, "conftest.py": swap}) as box, pytest.raises(PermanentError, match="without a report"):
        run_probe(box, [], timeout=120)


def test_a_file_over_the_read_cap_is_refused_naming_the_setting(open_box: OpenBox) -> None:
    with open_box(APP, max_read_bytes=100_000) as box:
        box.run("head -c 100000 /dev/zero > fits.bin && head -c 100001 /dev/zero > big.bin")
        assert len(box.read("fits.bin")) == 100_000
        with pytest.raises(PermanentError, match="AGENTFLEET_SANDBOX__MAX_READ_BYTES"):
            box.read("big.bin")


def test_a_gate_report_over_the_read_cap_is_refused_naming_the_setting(open_box: OpenBox) -> None:
    # Given a suite whose gate report is larger than the host reads (packaging's 27,000 tests: 18.5 MB)
    many = "import pytest\n\n\n@pytest.mark.parametrize('n', range(100))\ndef test_many(n):\n    assert n >= 0\n"
    with open_box({**APP, "test_many.py": many}, max_read_bytes=2_000) as box:
        # When the gate runs it under its supervisor
        run = run_harnessed(box, Request(mode="pytest", args=("-q",)), timeout=120)
    # Then the run has no report, and says it was too large to read and which setting to raise
    assert run.report is None
    assert run.problem is not None
    assert "AGENTFLEET_SANDBOX__MAX_READ_BYTES" in run.problem, run.problem


def test_a_tree_too_deep_is_a_rejection_for_diff_and_apply(open_box: OpenBox) -> None:
    deep = "/".join(["d"] * DEEP)
    make = f"for i in $(seq {DEEP}); do mkdir d && cd d || exit 1; done; echo 'X = 1' > x.py"
    with open_box(APP) as box:
        # Given sandboxed code that built a tree 1,100 directories deep, When the host diffs, Then it refuses
        assert box.run(make).ok
        with pytest.raises(PermanentError, match="deep"):
            box.diff()
    patch = f"diff --git a/{deep}/y.py b/{deep}/y.py\nnew file mode 100644\n--- /dev/null\n+++ b/{deep}/y.py\n"
    patch += "@@ -0,0 +1 @@\n+Y = 1\n"
    with open_box(APP) as box:
        # Given a patch that creates a file that deep, When the host applies it, Then it refuses
        with pytest.raises(PermanentError, match="deep"):
            box.apply(patch)
        assert "y.py" not in box.run("find . -name y.py").stdout


def test_a_diff_over_the_cap_is_refused_naming_the_setting(open_box: OpenBox) -> None:
    with open_box(APP, max_diff_bytes=200_000) as box:
        box.run("head -c 50000 /dev/urandom > small.bin")
        assert "small.bin" in box.diff()
        box.run("head -c 1000000 /dev/urandom > big.bin")
        with pytest.raises(PermanentError, match="AGENTFLEET_SANDBOX__MAX_DIFF_BYTES"):
            box.diff()


def test_the_host_removes_and_walks_a_tree_deeper_than_python_recurses(tmp_path: Path) -> None:
    # Given a tree 1,100 directories deep, as sandboxed code may leave one
    root = tmp_path / "box"
    os.makedirs(root)
    os.chdir(root)
    for _ in range(DEEP):
        os.mkdir("d")
        os.chdir("d")
    Path("x.py").write_text("X = 1\n")
    os.chdir(tmp_path)
    # When the host walks it, Then it refuses at its depth limit; When it removes it, Then it is gone
    with pytest.raises(PermanentError, match="deep"):
        list(walk(root))
    assert len(list(walk(root, max_depth=DEEP))) == DEEP + 1
    remove_tree(root)
    assert not root.exists()
