"""Fleet-file ``[repos.gate]``: the boundaries a patch must stay inside, and what counts as low-risk."""

from __future__ import annotations

from pydantic import Field

from agentfleet.contracts import WorkKind
from agentfleet.core.config_base import ComponentConfig

__all__ = ["GateConfig"]


class GateConfig(ComponentConfig):
    """Diff limits, forbidden paths and the gate's own test runs for one repository."""

    max_files: int = Field(default=10, ge=1)
    """Most files one patch may touch."""
    max_lines: int = Field(default=300, ge=1)
    """Most added plus removed lines in one patch."""
    ci_files: list[str] = Field(
        default_factory=lambda: [
            ".github/*",
            ".gitlab-ci.yml",
            ".gitlab/*",
            ".circleci/*",
            ".travis.yml",
            "Jenkinsfile",
            "azure-pipelines.yml",
            ".buildkite/*",
            ".pre-commit-config.yaml",
            ".ci/*",
            ".gitea/*",
            ".forgejo/*",
            ".woodpecker/*",
            ".woodpecker.yml",
            ".drone.yml",
            "bitbucket-pipelines.yml",
            "CODEOWNERS",
            "*/CODEOWNERS",
            ".vscode/*",
            ".idea/*",
            ".devcontainer/*",
            ".devcontainer.json",
            ".envrc",
            "*/.envrc",
            ".readthedocs.yaml",
            ".readthedocs.yml",
            ".gitpod.yml",
            ".husky/*",
            "lefthook.yml",
            ".lefthook.yml",
        ]
    )
    """CI configuration, workflows, review rules (CODEOWNERS) and automation that runs commands on a developer's
    machine or a hosted builder (editor tasks, dev containers, direnv, git hooks, docs builders): refused unless
    the work kind's row allows ``ci`` (then never low-risk)."""
    runner_config: list[str] = Field(
        default_factory=lambda: [
            "pytest.ini",
            "*/pytest.ini",
            ".pytest.ini",
            "*/.pytest.ini",
            "pytest.toml",
            "*/pytest.toml",
            ".pytest.toml",
            "*/.pytest.toml",
            "tox.ini",
            "*/tox.ini",
            "conftest.py",
            "*/conftest.py",
            "sitecustomize.py",
            "*/sitecustomize.py",
            "usercustomize.py",
            "*/usercustomize.py",
            "*.pth",
            "noxfile.py",
            "*/noxfile.py",
            ".coveragerc",
            "*/.coveragerc",
            "*.dist-info/*",
            "*.egg-info/*",
            "entry_points.txt",
            "*/entry_points.txt",
        ]
    )
    """Files that decide how tests run or how their results are judged — package metadata included, whose
    ``pytest11`` entry points pytest loads from the working copy like an installed plugin's (besides test
    packages' ``__init__.py`` and the pytest and coverage settings in ``pyproject.toml``/``setup.cfg``,
    always included): refused unless the row allows ``runner_config``."""
    forbidden: list[str] = Field(
        default_factory=lambda: [
            ".git/*",
            ".env",
            ".env.*",
            "*/.env",
            "*/.env.*",
            "*.pem",
            "*.key",
            "id_rsa*",
            "*/id_rsa*",
            "id_ed25519*",
            "*/id_ed25519*",
            "secrets/*",
            "*/secrets/*",
        ]
    )
    """Patterns (fnmatch: ``*`` also matches ``/``) no patch may touch, whatever its kind: secrets and keys."""
    extra_forbidden: list[str] = Field(default_factory=list)
    """More forbidden patterns for this repo, on top of ``forbidden``."""
    lockfiles: list[str] = Field(
        default_factory=lambda: [
            "*.lock",
            "package-lock.json",
            "*/package-lock.json",
            "pnpm-lock.yaml",
            "*/pnpm-lock.yaml",
            "go.sum",
            "*/go.sum",
        ]
    )
    """Lockfile patterns: only dependency work (``upgrade_dependency``) may change them."""
    max_file_bytes: int = Field(default=1_000_000, ge=1)
    """Largest file (before or after the patch) a patch may touch: a bigger one cannot be reviewed as text."""
    test_timeout_s: int = Field(default=600, ge=1)
    """Wall-clock limit for one test run in the gate's sandbox."""
    parallel_runs: int = Field(default=2, ge=1, le=16)
    """Test runs (before, after, suite…) the gate runs at once, each in its own fresh sandbox."""
    judge_by_new_failures: list[WorkKind] = Field(
        default_factory=lambda: [WorkKind.UPGRADE_DEPENDENCY, WorkKind.SYNC_DOCS]
    )
    """Work kinds whose suite passes when no test newly fails: tests already failing at the base commit are
    named in the evidence, not counted (a security upgrade need not wait for an unrelated red test; a docs fix
    cannot mend a doc page whose other examples already fail as one doctest)."""
    flaky_reruns: int = Field(default=2, ge=0, le=5)
    """How many more times a test that failed in a suite run is run, at the base commit and with the patch, each
    time in a fresh sandbox: one seen both passing and failing at the base commit is flaky, and its outcome counts
    neither for nor against the patch (``flow/gate/flaky.py``); 0 re-runs nothing."""
    flaky_max_tests: int = Field(default=10, ge=0)
    """More failing tests than this are not re-run: a patch that breaks that many is not judged by chance."""
    flag_suspicious_from_phase: int = Field(default=3, ge=1, le=5)
    """From this trust phase on, suspicious constructs are flagged for the reviewer (never low-risk) instead of
    rejected; 5 rejects them at every phase."""
    ruff_select: list[str] = Field(default_factory=lambda: ["E4", "E7", "E9", "F"])
    """Ruff rules that must be clean on the lines a patch adds (run with ``--isolated``)."""
    low_risk_max_lines: int = Field(default=20, ge=0)
    """A change at most this many lines (and files below) may be auto-merged in phase 4."""
    low_risk_max_files: int = Field(default=2, ge=0)
    """A change touching at most this many files may be auto-merged in phase 4."""
    report_issue: bool = False
    """Phase-1 reports also open (and on re-runs update) an issue on the repo's forge."""
