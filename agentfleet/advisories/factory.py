"""Build an advisory source, a release index and an auditor from settings and a repo's config."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import httpx

from agentfleet import __version__
from agentfleet.advisories.audit import Auditor
from agentfleet.advisories.cache import JsonCache
from agentfleet.advisories.config import AdvisoriesConfig, AdvisorySettings
from agentfleet.advisories.index import JsonApiIndex, NoIndex, ReleaseIndex, SimpleIndex
from agentfleet.advisories.sources import ADVISORY_SOURCES, AdvisorySource, AdvisorySourceFactory
from agentfleet.core.registry import resolve

__all__ = ["build_auditor", "http_client", "index_for", "source_for"]


def http_client(settings: AdvisorySettings) -> httpx.Client:
    """An HTTP client for the OSV API and indexes (caller closes it)."""
    return httpx.Client(
        timeout=settings.timeout_s, headers={"User-Agent": f"agentfleet/{__version__}"}, follow_redirects=True
    )


def source_for(
    config: AdvisoriesConfig, settings: AdvisorySettings, cache_dir: Path, client: httpx.Client
) -> AdvisorySource:
    """The source ``config.source_type`` names; ``auto``: the OSV API for ``osv-api`` or a URL, else the
    local mirror at the ``source`` path."""
    name = config.source_type
    if name == "auto":
        name = "osv-api" if config.source == "osv-api" or "://" in config.source else "osv-local"
    factory: AdvisorySourceFactory = resolve(ADVISORY_SOURCES, name, "advisory source ([repos.advisories] source_type)")
    return factory.from_config(config, settings, cache_dir, client)


def index_for(
    config: AdvisoriesConfig, settings: AdvisorySettings, cache_dir: Path, client: httpx.Client
) -> ReleaseIndex:
    """The repo's release index (its ``index_url`` or the settings' one), read as JSON API or simple index."""
    url = config.index_url or settings.index_url
    if url == "none":
        return NoIndex()
    kind = settings.index_kind
    if kind == "auto":
        kind = "simple" if urlsplit(url).path.rstrip("/").endswith("/simple") else "json"
    cache = JsonCache(cache_dir / "index", settings.cache_ttl_s)
    return SimpleIndex(url, cache, client=client) if kind == "simple" else JsonApiIndex(url, cache, client=client)


def build_auditor(
    config: AdvisoriesConfig, settings: AdvisorySettings, cache_dir: Path, client: httpx.Client
) -> Auditor:
    """An auditor on the repo's source and index, honouring its ignore list and pre-release choice."""
    return Auditor(
        source_for(config, settings, cache_dir, client),
        index_for(config, settings, cache_dir, client),
        ignore=config.ignore,
        allow_prereleases=config.allow_prereleases,
    )
