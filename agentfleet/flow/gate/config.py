"""Fleet-file ``[repos.gate]``: the boundaries a patch must stay inside, and what counts as low-risk."""

from __future__ import annotations

from pydantic import Field

from agentfleet.core.config_base import ComponentConfig

__all__ = ["GateConfig"]


class GateConfig(ComponentConfig):
    """Diff limits, forbidden paths and the gate's own test runs for one repository."""

    max_files: int = Field(default=10, ge=1)
    """Most files one patch may touch."""
    max_lines: int = Field(default=300, ge=1)
    """Most added plus removed lines in one patch."""
    forbidden: list[str] = Field(
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
    """Patterns (fnmatch: ``*`` also matches ``/``) no patch may touch: CI config, workflows, secrets, keys."""
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
    test_timeout_s: int = Field(default=600, ge=1)
    """Wall-clock limit for one test run in the gate's sandbox."""
    ruff_select: list[str] = Field(default_factory=lambda: ["E4", "E7", "E9", "F"])
    """Ruff rules that must be clean on the lines a patch adds (run with ``--isolated``)."""
    low_risk_max_lines: int = Field(default=20, ge=0)
    """A change at most this many lines (and files below) may be auto-merged in phase 4."""
    low_risk_max_files: int = Field(default=2, ge=0)
    """A change touching at most this many files may be auto-merged in phase 4."""
    report_issue: bool = False
    """Phase-1 reports also open (and on re-runs update) an issue on the repo's forge."""
