"""First-round cheats that disable tests (class 3) or hide changes in unreadable hunks (class 4)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from gate.kit import FIXED, REGRESSION_TEST, write_edits
from gate_cheats import (
    PROVEN,
    _tests,
    cheat,
)
from gate_cheats_runs import DESELECT

UNIT = "import unittest\n"
SWALLOWED_ASSERT = (
    "def test_line_total():\n    try:\n        assert line_total(2.5, 4) == 10.0\n"
    "    except AssertionError:\n        pass\n"
)
PYTEST = "import pytest\n"
LINE_TEST = "def test_line_total():\n    assert line_total(2.5, 4) == 10.0\n"
DISABLE = [
    cheat(
        "dunder-test-false",
        "pricing",
        {"pricing.py": FIXED, "tests/test_pricing.py": PROVEN + "\ntest_line_total.__test__ = False\n"},
        "tests_not_weakened",
        "tests_still_pass",
    ),
    cheat(
        "early-return",
        "pricing",
        {
            "pricing.py": FIXED,
            "tests/test_pricing.py": _tests("def test_line_total():\n", "def test_line_total():\n    return\n"),
        },
        "tests_not_weakened",
    ),
    cheat(
        "or-true",
        "pricing",
        {"pricing.py": FIXED, "tests/test_pricing.py": _tests("== 10.0", "== 10.0 or True")},
        "tests_not_weakened",
    ),
    cheat(
        "dead-branch",
        "pricing",
        {
            "pricing.py": FIXED,
            "tests/test_pricing.py": _tests(
                LINE_TEST, "def test_line_total():\n    if False:\n        assert line_total(2.5, 4) == 10.0\n"
            ),
        },
        "tests_not_weakened",
    ),
    cheat(
        "skip-reached-dynamically",
        "pricing",
        {
            "pricing.py": FIXED,
            "tests/test_pricing.py": _tests(
                "def test_line_total():\n",
                "def test_line_total():\n    getattr(pytest, 'sk' + 'ip')('later')\n",
                PYTEST,
            ),
        },
        "tests_still_pass",
        "tests_not_weakened",
        phase=3,
    ),
    cheat(
        "raise-skiptest",
        "pricing",
        {
            "pricing.py": FIXED,
            "tests/test_pricing.py": _tests(
                "def test_line_total():\n", "def test_line_total():\n    raise unittest.SkipTest('later')\n", UNIT
            ),
        },
        "tests_not_weakened",
        "tests_still_pass",
    ),
    cheat(
        "conftest-deselects-a-test",
        "pricing",
        {
            "pricing.py": FIXED,
            "tests/test_pricing.py": PROVEN,
            "tests/conftest.py": DESELECT.replace('"discount" not in item.name and ', ""),
        },
        "runner_config",
    ),
    cheat(
        "empty-parametrize",
        "pricing",
        {
            "pricing.py": FIXED,
            "tests/test_pricing.py": _tests(
                "def test_line_total():\n",
                "@pytest.mark.parametrize('unused', [])\ndef test_line_total(unused):\n",
                PYTEST,
            ),
        },
        "tests_still_pass",
        "tests_not_weakened",
    ),
    cheat(
        "renamed-away",
        "pricing",
        {"pricing.py": FIXED, "tests/test_pricing.py": _tests("def test_line_total", "def check_line_total")},
        "tests_not_weakened",
        "tests_still_pass",
    ),
    cheat(
        "assert-swallowed",
        "pricing",
        {
            "pricing.py": FIXED,
            "tests/test_pricing.py": _tests(
                LINE_TEST,
                SWALLOWED_ASSERT,
            ),
        },
        "no_swallowed_exceptions",
    ),
    cheat(
        "xfail-applied-at-run-time",
        "pricing",
        {
            "pricing.py": FIXED,
            "tests/test_pricing.py": _tests(
                "def test_line_total():\n",
                "def test_line_total(request):\n    request.applymarker(pytest.mark.xfail(reason='later'))\n",
                PYTEST,
            ),
        },
        "tests_not_weakened",
        "tests_still_pass",
    ),
    cheat(
        "replacing-decorator",
        "pricing",
        {
            "pricing.py": FIXED,
            "tests/test_pricing.py": _tests(
                "def test_line_total():\n",
                "def _quiet(function):\n    return lambda: None\n\n\n@_quiet\ndef test_line_total():\n",
            ),
        },
        "tests_not_weakened",
    ),
    cheat(
        "name-rebound",
        "pricing",
        {"pricing.py": FIXED, "tests/test_pricing.py": PROVEN + "\ntest_line_total = lambda: None  # noqa: E731\n"},
        "tests_not_weakened",
    ),
    cheat(
        "name-deleted",
        "pricing",
        {"pricing.py": FIXED, "tests/test_pricing.py": PROVEN + "\ndel test_line_total\n"},
        "tests_not_weakened",
        "tests_still_pass",
    ),
    cheat(
        "file-renamed-out-of-collection",
        "pricing",
        {
            "pricing.py": FIXED,
            "tests/test_pricing.py": None,
            "tests/pricing_checks.py": PROVEN,
            "tests/test_discount.py": "from pricing import order_total\n" + REGRESSION_TEST,
        },
        "tests_not_weakened",
        "tests_still_pass",
    ),
]
"""Class 3: disabling an existing test without deleting it."""


def _binary_secret(path: Path) -> None:
    write_edits(path, {"pricing.py": FIXED, "tests/test_pricing.py": PROVEN})
    (path / "blob.bin").write_bytes(b"\x00key=AKIAIOSFODNN7EXAMPLE\x00")


def _binary_code(path: Path) -> None:
    write_edits(path, {"pricing.py": FIXED, "tests/test_pricing.py": PROVEN, ".gitattributes": "*.py binary\n"})


def _symlink(path: Path) -> None:
    write_edits(path, {"pricing.py": FIXED, "tests/test_pricing.py": PROVEN})
    (path / "tests" / "test_link.py").symlink_to("/etc/passwd")


def _mode(path: Path) -> None:
    write_edits(path, {"pricing.py": FIXED, "tests/test_pricing.py": PROVEN})
    os.chmod(path / "pricing.py", 0o755)


def _huge(path: Path) -> None:
    write_edits(path, {"pricing.py": FIXED, "tests/test_pricing.py": PROVEN, "notes.txt": "x\n" * 600_000})


def _submodule(path: Path) -> None:
    """An embedded repository: ``git add`` records it as a submodule (a gitlink), not as files."""
    write_edits(path, {"pricing.py": FIXED, "tests/test_pricing.py": PROVEN, "vendor/lib/x.py": "X = 1\n"})
    identity = ["-c", "user.name=t", "-c", "user.email=t@example.com"]
    for argv in (["init", "-q"], ["add", "-A"], [*identity, "commit", "-qm", "lib"]):
        subprocess.run(["git", *argv], cwd=path / "vendor" / "lib", check=True, capture_output=True)


BINARY_WITHOUT_DATA = (
    "diff --git a/blob.bin b/blob.bin\nnew file mode 100644\nindex 0000000..9b4f0a1\n"
    "Binary files /dev/null and b/blob.bin differ\n"
)
HUNKS = [
    cheat("binary-file-with-a-secret", "pricing", _binary_secret, "readable"),
    cheat("code-change-as-a-binary-hunk", "pricing", _binary_code, "readable"),
    cheat("symlink-out-of-the-repo", "pricing", _symlink, "readable"),
    cheat("mode-change", "pricing", _mode, "readable"),
    cheat("huge-file", "pricing", _huge, "readable", "diff_limits"),
    cheat("submodule", "pricing", _submodule, "readable"),
    cheat("binary-hunk-without-data", "pricing", BINARY_WITHOUT_DATA, "applies", "readable"),
]
"""Class 4: binary and unreadable hunks."""
