"""Release indexes: which versions of a package exist, which are yanked, and their files' hashes.

Two kinds, both cached: the PyPI JSON API (``https://pypi.org/pypi/<name>/json``) and a PEP 503 simple
index (``…/simple/<name>/``; PEP 691 JSON when the server offers it, else HTML).
"""

from __future__ import annotations

import logging
from dataclasses import asdict
from typing import Any, Protocol

import httpx
from packaging.utils import canonicalize_name

from agentfleet.advisories.cache import JsonCache
from agentfleet.advisories.http import checked
from agentfleet.advisories.releases import Release, ReleaseFile
from agentfleet.advisories.simple_index import parse_simple
from agentfleet.core.errors import PermanentError

__all__ = ["JsonApiIndex", "NoIndex", "Release", "ReleaseFile", "ReleaseIndex", "SimpleIndex"]

log = logging.getLogger(__name__)


class ReleaseIndex(Protocol):
    """Where the list of released versions comes from."""

    def releases(self, package: str) -> list[Release]:
        """Every release of ``package`` with at least one file; empty when the index does not know it."""
        ...


class NoIndex:
    """No index (offline): the audit falls back to the versions the advisories themselves list."""

    def releases(self, package: str) -> list[Release]:
        """Nothing."""
        return []


def _from_cache(data: list[dict[str, Any]]) -> list[Release]:
    return [Release(r["version"], tuple(ReleaseFile(**f) for f in r["files"])) for r in data]


class _CachedIndex:
    kind = "index"

    def __init__(self, url: str, cache: JsonCache, *, client: httpx.Client) -> None:
        self.url = url.rstrip("/")
        self.cache = cache
        self.client = client

    def releases(self, package: str) -> list[Release]:
        """Releases of ``package`` (cached for the TTL)."""
        name = canonicalize_name(package)
        key = f"{self.kind}:{self.url}:{name}"
        cached = self.cache.get(key)
        if cached is not None:
            return _from_cache(cached)
        found = self._fetch(name)
        self.cache.put(key, [asdict(r) for r in found])
        log.debug("index=%s package=%s releases=%d", self.url, name, len(found))
        return found

    def _fetch(self, name: str) -> list[Release]:
        raise NotImplementedError


class JsonApiIndex(_CachedIndex):
    """The PyPI JSON API (``<url>/<name>/json``), e.g. ``https://pypi.org/pypi``."""

    kind = "pypi-json"

    def _fetch(self, name: str) -> list[Release]:
        response = checked(self.client, "GET", f"{self.url}/{name}/json", what="PyPI JSON API")
        if response is None:
            return []
        releases = response.json().get("releases")
        if not isinstance(releases, dict):
            raise PermanentError(f"{self.url}/{name}/json has no 'releases' table; is {self.url} a PyPI JSON API root?")
        return [
            Release(version, tuple(_json_file(f) for f in files))
            for version, files in releases.items()
            if isinstance(files, list) and files
        ]


def _json_file(raw: dict[str, Any]) -> ReleaseFile:
    return ReleaseFile(raw.get("filename", ""), (raw.get("digests") or {}).get("sha256"), bool(raw.get("yanked")))


class SimpleIndex(_CachedIndex):
    """A PEP 503 simple index (``<url>/<name>/``), JSON (PEP 691) or HTML."""

    kind = "simple"
    _ACCEPT = "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.1"

    def _fetch(self, name: str) -> list[Release]:
        url = f"{self.url}/{name}/"
        response = checked(self.client, "GET", url, what="simple index", headers={"Accept": self._ACCEPT})
        if response is None:
            return []
        files = parse_simple(response.text, response.headers.get("content-type", ""), name)
        by_version: dict[str, list[ReleaseFile]] = {}
        for version, file in files:
            by_version.setdefault(version, []).append(file)
        return [Release(version, tuple(group)) for version, group in by_version.items()]
