"""What a stage needs from its process: settings, the store, the fleet file, Redis."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from agentfleet.core.fleet import FleetConfig, RepoConfig, load_fleet
from agentfleet.core.settings import Settings, get_settings
from agentfleet.store import Store, get_store

if TYPE_CHECKING:
    import redis

__all__ = ["Context", "get_context"]


@dataclass
class Context:
    """Per-process dependencies, built from settings; tests build their own."""

    settings: Settings
    store: Store
    _fleet: tuple[int, FleetConfig] | None = field(default=None, repr=False)

    @classmethod
    def from_settings(cls, settings: Settings) -> Context:
        """A context on ``settings``' store and fleet file."""
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        return cls(settings=settings, store=get_store(settings.store_url))

    @property
    def fleet(self) -> FleetConfig:
        """The fleet file, re-read when it changes on disk."""
        path = self.settings.fleet_file
        mtime = path.stat().st_mtime_ns if path.exists() else -1
        if self._fleet is None or self._fleet[0] != mtime:
            self._fleet = (mtime, load_fleet(path))
        return self._fleet[1]

    def repo(self, name: str) -> RepoConfig:
        """The fleet file's entry for repo ``name``."""
        return self.fleet.repo(name)

    def repos(self, name: str | None = None) -> list[RepoConfig]:
        """Repo ``name`` alone, or every repo in the fleet file when ``name`` is not given."""
        return [self.repo(name)] if name else list(self.fleet.repos)

    @cached_property
    def redis(self) -> redis.Redis:
        """A Redis client on the broker's server (locks, counters, rate limits)."""
        import redis as redis_lib

        return redis_lib.Redis.from_url(self.settings.redis_url)


@lru_cache(maxsize=1)
def get_context() -> Context:
    """The process's context; ``get_context.cache_clear()`` after changing settings."""
    return Context.from_settings(get_settings())
