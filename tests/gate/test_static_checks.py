"""The gate's checks on the patch's texts, and its review of touched files, without a sandbox."""

from __future__ import annotations

import pytest

from agentfleet.contracts import Check, WorkKind
from agentfleet.flow.gate.config import GateConfig
from agentfleet.flow.gate.diffview import DiffView
from agentfleet.flow.gate.review import review_files, ruff_changed_lines
from agentfleet.flow.gate.sensitive import forbidden_paths
from agentfleet.flow.gate.static import no_secrets
from agentfleet.flow.kinds import kind_of
from agentfleet.sandboxes.config import SandboxConfig


def _added(path: str, *lines: str) -> DiffView:
    return DiffView.of({}, {path: "".join(f"{line}\n" for line in lines)})


def _review(before: dict[str, str | None], after: dict[str, str | None], phase: int = 1) -> dict[str, Check]:
    view = DiffView.of(before, after)
    return {c.name: c for c in review_files(view, before, after, frozenset(), phase=phase, conf=GateConfig()).checks}


@pytest.mark.parametrize(
    ("path", "kind", "allowed"),
    [
        ("poetry.lock", WorkKind.FIX_ERROR, False),
        ("poetry.lock", WorkKind.UPGRADE_DEPENDENCY, True),
        ("web/package-lock.json", WorkKind.REFACTOR, False),
        (".github/workflows/ci.yml", WorkKind.UPGRADE_DEPENDENCY, False),
        (".gitlab-ci.yml", WorkKind.FIX_ERROR, False),
        ("deploy/.env.production", WorkKind.FIX_ERROR, False),
        ("certs/server.pem", WorkKind.FIX_ERROR, False),
        ("src/app/env.py", WorkKind.FIX_ERROR, True),
        ("requirements.txt", WorkKind.FIX_ERROR, False),
        ("requirements.txt", WorkKind.UPGRADE_DEPENDENCY, True),
        ("pyproject.toml", WorkKind.REFACTOR, False),
        ("requirements/dev.txt", WorkKind.EXPAND_TESTS, False),
    ],
)
def test_forbidden_paths_and_dependency_files(path: str, kind: WorkKind, allowed: bool) -> None:
    # dependency files decide what the prepare step installs, with network: only dependency work changes them
    dependency_files = SandboxConfig().dependency_files
    check = forbidden_paths([path], GateConfig(), kind_of(kind), dependency_files)
    assert check.passed is allowed, check.evidence


def test_extra_forbidden_patterns_come_from_the_fleet_file() -> None:
    conf = GateConfig(extra_forbidden=["migrations/*"])
    check = forbidden_paths(["migrations/0002.py"], conf, kind_of(WorkKind.FIX_ERROR))
    assert not check.passed
    assert "migrations/0002.py (forbidden: migrations/*)" in check.evidence


@pytest.mark.parametrize(
    "line",
    [
        'AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"',
        'GITHUB_TOKEN = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"',
        "-----BEGIN RSA PRIVATE KEY-----",
        'DATABASE_URL = "postgres://app:s3cr3t-pw@db.internal/app"',
    ],
)
def test_a_secret_in_an_added_line_fails_without_echoing_it(line: str) -> None:
    check = no_secrets(_added("settings.py", "import os", line))
    assert not check.passed
    assert check.evidence.startswith("settings.py:2: ")
    assert line.split('"')[1 if '"' in line else 0] not in check.evidence


def test_ordinary_code_and_hashes_are_not_secrets() -> None:
    code = ['COMMIT = "3f786850e387550fdab836ed7e6dc881de23001b"', "def total(x):", "    return x * 2"]
    assert no_secrets(_added("app.py", *code)).passed


def test_ruff_judges_only_the_lines_the_patch_adds() -> None:
    # The file already had an unused import; the patch adds a line with an undefined name
    before = {"app.py": "import os\n\n\ndef f():\n    return 1\n"}
    after = {"app.py": "import os\n\n\ndef f():\n    return undefined_name\n"}
    check = ruff_changed_lines(DiffView.of(before, after), after, ["E4", "E7", "E9", "F"])
    assert not check.passed
    assert check.evidence == "app.py:5: F821 Undefined name `undefined_name`"


def test_ruff_does_not_blame_a_patch_for_a_report_it_moved_into_a_helper() -> None:
    # Given a function whose `type(x) == int` ruff reports (E721) before the patch
    before = {"app.py": "def f(x):\n    if type(x) == int:\n        return 1\n    return 2\n"}
    # When a refactor moves that line into an extracted helper, and a second patch copies it instead
    moved = "def _is_int(x):\n    return type(x) == int\n\n\ndef f(x):\n    return 1 if _is_int(x) else 2\n"
    copied = "def g(x):\n    return type(x) == int\n\n\n" + before["app.py"]
    # Then the moved report is the file's own, the copy is the patch's
    assert ruff_changed_lines(DiffView.of(before, {"app.py": moved}), {"app.py": moved}, ["E7"]).passed
    check = ruff_changed_lines(DiffView.of(before, {"app.py": copied}), {"app.py": copied}, ["E7"])
    assert not check.passed
    assert check.evidence.startswith("app.py:2: E721")


def test_deleting_a_test_file_weakens_the_tests() -> None:
    before = {"tests/test_app.py": "def test_one():\n    assert 1 + 1 == 2\n"}
    checks = _review(before, {"tests/test_app.py": None})
    assert not checks["tests_not_weakened"].passed
    assert checks["no_swallowed_exceptions"].passed


def test_a_new_skip_weakens_the_tests() -> None:
    before = {"tests/test_app.py": "def test_one():\n    assert 1 + 1 == 2\n"}
    after = {"tests/test_app.py": "import pytest\n\n@pytest.mark.skip\ndef test_one():\n    assert 1 + 1 == 2\n"}
    assert not _review(before, after)["tests_not_weakened"].passed
