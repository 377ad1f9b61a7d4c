"""The fleet file (TOML): which repositories agentfleet looks after, and within what boundaries.

A broken file fails at start with the file, the field path and the reason::

    fleet file /etc/agentfleet/fleet.toml is invalid:
      repos[0].trust.fix_error: Input should be less than or equal to 4 (got 7)
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import Field, RootModel, ValidationError, ValidationInfo, field_validator, model_validator

from agentfleet.advisories.config import AdvisoriesConfig
from agentfleet.contracts import TrustPhase, WorkKind
from agentfleet.core.config_base import ComponentConfig
from agentfleet.core.cron import check_cron
from agentfleet.core.errors import ConfigError
from agentfleet.flow.fixers.config import AgentRepoConfig
from agentfleet.flow.gate.config import GateConfig
from agentfleet.flow.kinds import kind_of
from agentfleet.flow.monitors import MONITORS
from agentfleet.flow.monitors.coverage.config import CoverageConfig
from agentfleet.flow.monitors.docs_drift.config import DocsConfig
from agentfleet.flow.monitors.quality.config import QualityConfig
from agentfleet.ingest.config import ErrorPolicy

__all__ = ["Budgets", "FixerChains", "FleetConfig", "MonitorSchedule", "RepoConfig", "TrustPhases", "load_fleet"]

_URL = re.compile(r"^(https?|ssh|git|file)://|^[\w.-]+@[\w.-]+:")


class MonitorSchedule(ComponentConfig):
    """When one monitor runs for one repo: a cron expression or a fixed interval."""

    cron: str | None = None
    """Five-field cron (``*/5 * * * *``); unset with no ``every``: the monitor's default (beat/README.md)."""
    every: float | None = Field(default=None, gt=0)
    """Run every N seconds instead of on a cron."""
    expires: float | None = Field(default=None, gt=0)
    """Drop a tick not started within N seconds (default: the interval, or 300 s for cron)."""
    enabled: bool = True
    """Set false to keep the entry but not schedule it."""

    @field_validator("cron")
    @classmethod
    def _valid_cron(cls, value: str | None) -> str | None:
        if value is not None:
            check_cron(value)
        return value

    @model_validator(mode="after")
    def _one_way(self) -> MonitorSchedule:
        if self.cron is not None and self.every is not None:
            raise ValueError("give either 'cron' or 'every', not both")
        return self


class TrustPhases(RootModel[dict[WorkKind, TrustPhase]]):
    """Trust phase per work kind (``trust.fix_error = 3``): 1 report, 2 draft PR, 3 ready PR, 4 auto-merge
    low-risk. A kind the file does not name gets the work-kind table's default phase."""

    root: dict[WorkKind, TrustPhase] = Field(default_factory=dict)

    def of(self, kind: WorkKind | str) -> TrustPhase:
        """The configured phase for ``kind``."""
        return self.root.get(WorkKind(kind), kind_of(kind).default_phase)


class FixerChains(RootModel[dict[WorkKind, list[str]]]):
    """Fixers tried in order per work kind (``fixers.expand_tests = ["tests", "agent"]``); a kind the file
    does not name uses the work-kind table's chain. ``agent`` is skipped when no model is configured."""

    root: dict[WorkKind, list[str]] = Field(default_factory=dict)

    def of(self, kind: WorkKind | str) -> list[str]:
        """The fixer names for ``kind``."""
        names = self.root.get(WorkKind(kind))
        return list(kind_of(kind).fixers) if names is None else names


class Budgets(ComponentConfig):
    """Per-repo limits that hold across all workers (kept in the store, not in memory)."""

    max_open_prs: int = Field(default=5, ge=0)
    """Agent PRs open at once on this repo."""
    max_prs_per_hour: int = Field(default=2, ge=0)
    """PRs opened per rolling hour (security upgrades are exempt)."""
    max_work_per_hour: int = Field(default=20, ge=0)
    """New work items triage may start per rolling hour."""
    max_agent_spend_per_day: float = Field(default=10.0, ge=0)
    """LLM spend (USD) per rolling 24 h on this repo."""
    cooldown_s: int = Field(default=6 * 3600, ge=0)
    """After work on a fingerprint finishes, a repeat within this window is only counted."""


class RepoConfig(ComponentConfig):
    """One repository in the fleet."""

    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
    """Short unique name used in commands, branches and the ledger."""
    location: str
    """Local path (relative to the fleet file) or git URL."""
    default_branch: str = "main"
    protected_branches: list[str] = Field(default_factory=list)
    """Branches no agent may write to, besides the default branch."""
    setup: str | None = None
    """Prepare command, run once per dependency change with network (e.g. ``pip install -r requirements.txt``)."""
    test: str = "python -m pytest -q"
    """The test command, run offline in the sandbox."""
    image: str | None = None
    """Sandbox image (Docker); default from settings."""
    forge: str = "local"
    """``local``, ``github`` or a dotted path to a Forge."""
    github_repo: str | None = Field(default=None, pattern=r"^[\w.-]+/[\w.-]+$")
    """``owner/name`` when the forge is ``github``."""
    monitors: dict[str, MonitorSchedule] = Field(default_factory=dict)
    """Monitor name → schedule (``heartbeat``, ``errors``, ``advisories``, …)."""
    trust: TrustPhases = Field(default_factory=TrustPhases)
    fixers: FixerChains = Field(default_factory=FixerChains)
    budgets: Budgets = Field(default_factory=Budgets)
    errors: ErrorPolicy = Field(default_factory=ErrorPolicy)
    advisories: AdvisoriesConfig = Field(default_factory=AdvisoriesConfig)
    docs: DocsConfig = Field(default_factory=DocsConfig)
    coverage: CoverageConfig = Field(default_factory=CoverageConfig)
    quality: QualityConfig = Field(default_factory=QualityConfig)
    gate: GateConfig = Field(default_factory=GateConfig)
    agent: AgentRepoConfig = Field(default_factory=AgentRepoConfig)

    @field_validator("monitors")
    @classmethod
    def _known_monitors(cls, monitors: dict[str, MonitorSchedule]) -> dict[str, MonitorSchedule]:
        for name in monitors:
            if name not in MONITORS and "." not in name:
                known = ", ".join(sorted(MONITORS))
                raise ValueError(f"unknown monitor {name!r}; built-ins are {known} (or a dotted import path)")
        return monitors

    @model_validator(mode="after")
    def _legacy_fixers(self) -> RepoConfig:
        """``[repos.agent] fixers`` (the older spelling) is the ``fix_error`` chain."""
        if self.agent.fixers is not None:
            self.fixers.root.setdefault(WorkKind.FIX_ERROR, list(self.agent.fixers))
        return self

    @field_validator("location")
    @classmethod
    def _resolve_location(cls, value: str, info: ValidationInfo) -> str:
        if _URL.match(value):
            return value
        base = (info.context or {}).get("base_dir", Path.cwd())
        return str((Path(base) / Path(value).expanduser()).resolve())

    @property
    def is_local(self) -> bool:
        """The location is a path on this machine."""
        return not _URL.match(self.location)


class FleetConfig(ComponentConfig):
    """The whole fleet file."""

    repos: list[RepoConfig] = Field(default_factory=list)

    @field_validator("repos")
    @classmethod
    def _unique_names(cls, repos: list[RepoConfig]) -> list[RepoConfig]:
        seen: set[str] = set()
        for repo in repos:
            if repo.name in seen:
                raise ValueError(f"repo name {repo.name!r} is used twice")
            seen.add(repo.name)
        return repos

    def repo(self, name: str) -> RepoConfig:
        """The repo called ``name``; ``ConfigError`` lists the known ones otherwise."""
        for repo in self.repos:
            if repo.name == name:
                return repo
        known = ", ".join(r.name for r in self.repos) or "none"
        raise ConfigError(f"no repo named {name!r} in the fleet file (known: {known})")


def _merge(defaults: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    merged = dict(defaults)
    for key, value in own.items():
        merged[key] = (
            _merge(merged[key], value) if isinstance(value, dict) and isinstance(merged.get(key), dict) else value
        )
    return merged


def _describe(exc: ValidationError) -> str:
    lines = []
    for err in exc.errors():
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"]).lstrip(".") or "(top level)"
        got = (
            f" (got {err['input']!r})"
            if err["type"] not in {"missing", "model_type"} and not isinstance(err["input"], dict)
            else ""
        )
        lines.append(f"  {where}: {err['msg']}{got}")
    return "\n".join(lines)


def parse_fleet(text: str, path: Path) -> FleetConfig:
    """Validate fleet-file ``text`` read from ``path``; ``ConfigError`` names file, field and reason."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"fleet file {path} is not valid TOML: {exc}") from None
    defaults = raw.pop("defaults", {})
    if not isinstance(defaults, dict):
        raise ConfigError(f"fleet file {path} is invalid:\n  defaults: must be a table")
    if isinstance(raw.get("repos"), list):
        raw["repos"] = [_merge(defaults, r) if isinstance(r, dict) else r for r in raw["repos"]]
    try:
        return FleetConfig.model_validate(raw, context={"base_dir": path.parent})
    except ValidationError as exc:
        raise ConfigError(f"fleet file {path} is invalid:\n{_describe(exc)}") from None


def load_fleet(path: Path) -> FleetConfig:
    """Read and validate the fleet file at ``path``."""
    path = path.expanduser().resolve()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(
            f"fleet file {path} not found; create it, or name it with --config, AGENTFLEET_FLEET_FILE "
            "or AGENTFLEET_HOME (see docs/configuration.md)"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"fleet file {path} cannot be read: {exc}") from None
    return parse_fleet(text, path)
