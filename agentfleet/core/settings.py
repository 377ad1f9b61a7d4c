"""Process settings: the one place that reads the environment (``AGENTFLEET_`` prefix, ``.env``).

Nested sections use ``__``: ``AGENTFLEET_FLOWER__PASSWORD=...``, ``AGENTFLEET_SANDBOX__BACKEND=bwrap``.

Where a process looks is its *home*: ``AGENTFLEET_HOME``, else the directory of the fleet file named
with ``agentfleet --config FILE``, else the current directory. The home's ``.env`` is read, and a
relative ``data_dir`` or ``fleet_file`` means a path inside the home, so a command run from another
directory finds the same fleet.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from agentfleet.advisories.config import AdvisorySettings
from agentfleet.core.config_base import ComponentConfig
from agentfleet.core.errors import ConfigError
from agentfleet.dashboard.config import DashboardConfig
from agentfleet.flow.fixers.config import ModelConfig
from agentfleet.flow.fixers.repair.config import RepairConfig
from agentfleet.forges.config import GitHubConfig
from agentfleet.ingest.config import IngestConfig
from agentfleet.mcp.config import MCPServeConfig
from agentfleet.metrics.config import MetricsConfig
from agentfleet.sandboxes.config import SandboxConfig

__all__ = ["CeleryConfig", "FlowerConfig", "Settings", "get_settings", "home", "settings_sources", "use_config"]


class CeleryConfig(ComponentConfig):
    """Reliability knobs of the task queue."""

    max_redeliveries: int = Field(default=3, ge=0)
    """How often a task lost with its worker is delivered again before it is given up."""
    visibility_timeout_s: int | None = Field(default=None, ge=1)
    """Seconds before an unacknowledged task is redelivered; default: longest hard limit + 5 min."""
    hard_limit_scale: float = Field(default=1.0, gt=0)
    """Multiplies every queue's soft/hard time limits (drills and slow machines)."""
    result_expires_s: int = Field(default=86_400, ge=60)
    """How long task results stay in Redis."""
    beat_lock_timeout_s: int = Field(default=30, ge=2)
    """A standby beat takes over this many seconds after the active one stops renewing its lock."""
    events: bool = False
    """Workers send task events from the start (``agentfleet flower`` turns them on in running workers anyway)."""
    track_started: bool = False
    """Report a task's STARTED state to the result backend (the ledger's ``started`` rows already say so)."""


class FlowerConfig(ComponentConfig):
    """The Flower monitoring UI; never served without authentication unless opted out."""

    user: str = "admin"
    """Basic-auth user name."""
    password: SecretStr | None = None
    """Basic-auth password; required unless ``unauthenticated`` is set."""
    address: str = "127.0.0.1"
    """Interface Flower listens on."""
    port: int = Field(default=5555, ge=1, le=65535)
    """Port Flower listens on."""
    unauthenticated: bool = False
    """Serve Flower (and its API) with no authentication. Only behind your own auth proxy."""


class Settings(BaseSettings):
    """Everything a process needs that is not about a particular repository."""

    model_config = SettingsConfigDict(
        env_prefix="AGENTFLEET_",
        env_file=".env",
        env_nested_delimiter="__",
        extra="ignore",
        use_attribute_docstrings=True,
    )

    data_dir: Path = Path(".agentfleet")
    """Store, caches, the local forge and reports live here."""
    fleet_file: Path = Path("fleet.toml")
    """The fleet file (TOML) describing repositories."""
    redis_url: str = "redis://127.0.0.1:6379/0"
    """Broker, results, locks and rate limits."""
    database_url: str | None = None
    """SQLAlchemy URL of the store; default ``sqlite:///<data_dir>/agentfleet.db``."""
    log_level: str = "INFO"
    """Log level of agentfleet's own loggers in entrypoints."""
    celery: CeleryConfig = Field(default_factory=CeleryConfig)
    flower: FlowerConfig = Field(default_factory=FlowerConfig)
    dashboard: DashboardConfig = Field(default_factory=DashboardConfig)
    metrics: MetricsConfig = Field(default_factory=MetricsConfig)
    sandbox: SandboxConfig = Field(default_factory=SandboxConfig)
    ingest: IngestConfig = Field(default_factory=IngestConfig)
    model: ModelConfig = Field(default_factory=ModelConfig)
    github: GitHubConfig = Field(default_factory=GitHubConfig)
    advisories: AdvisorySettings = Field(default_factory=AdvisorySettings)
    mcp: MCPServeConfig = Field(default_factory=MCPServeConfig)
    repair: RepairConfig = Field(default_factory=RepairConfig)

    @property
    def store_url(self) -> str:
        """The store's SQLAlchemy URL, defaulting to a SQLite file in ``data_dir``."""
        return self.database_url or f"sqlite:///{(self.data_dir / 'agentfleet.db').resolve()}"


_HOME = "AGENTFLEET_HOME"


def home() -> Path:
    """Where this process's ``.env`` and relative paths are: ``AGENTFLEET_HOME``, else the current directory."""
    return Path(os.environ.get(_HOME) or Path.cwd()).expanduser().resolve()


def use_config(fleet_file: Path) -> None:
    """Make ``fleet_file`` the fleet file and its directory the home, for this process and the processes it
    starts (``agentfleet --config FILE``); an explicit ``AGENTFLEET_HOME`` stays the home."""
    path = fleet_file.expanduser().resolve()
    if not path.is_file():
        raise ConfigError(f"--config {fleet_file}: no such file; give the path of a fleet file (TOML)")
    os.environ.setdefault(_HOME, str(path.parent))
    os.environ["AGENTFLEET_FLEET_FILE"] = str(path)
    get_settings.cache_clear()


def settings_sources() -> list[tuple[str, str]]:
    """What settings were read from, for ``check-config``: (source, detail) pairs; never values."""
    env_file = home() / ".env"
    names = sorted(n for n in os.environ if n.startswith("AGENTFLEET_") and n != "AGENTFLEET_REQUIRE_ALL")
    origin = f"{_HOME}" if os.environ.get(_HOME) else "the current directory (set AGENTFLEET_HOME or --config)"
    return [
        ("home", f"{home()} — from {origin}"),
        (".env", f"{env_file} ({'read' if env_file.is_file() else 'absent'})"),
        ("environment", ", ".join(names) or "no AGENTFLEET_* variables"),
    ]


def _anchored(settings: Settings, base: Path) -> Settings:
    """``settings`` with a relative data dir and fleet file made absolute under ``base``."""
    paths = {name: getattr(settings, name).expanduser() for name in ("data_dir", "fleet_file")}
    return settings.model_copy(update={name: base / path for name, path in paths.items() if not path.is_absolute()})


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings, read once; ``get_settings.cache_clear()`` re-reads them."""
    base = home()
    try:
        return _anchored(Settings(_env_file=base / ".env"), base)  # type: ignore[call-arg]
    except ValidationError as exc:
        lines = [f"  AGENTFLEET_{'__'.join(str(p) for p in err['loc']).upper()}: {err['msg']}" for err in exc.errors()]
        raise ConfigError("invalid settings (environment or .env):\n" + "\n".join(lines)) from None
