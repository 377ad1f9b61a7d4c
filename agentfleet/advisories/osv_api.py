"""The OSV API (https://google.github.io/osv.dev/api/) as an advisory source, batched and cached.

One ``POST /v1/querybatch`` (up to ``batch_size`` packages, following ``next_page_token``) lists the ids
and ``modified`` stamps of the records about each package; each record is then fetched once with
``GET /v1/vulns/{id}`` and cached by id + ``modified``, so an unchanged record is never fetched twice.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
from packaging.utils import canonicalize_name

from agentfleet.advisories.cache import JsonCache
from agentfleet.advisories.http import checked
from agentfleet.advisories.osv import OsvRecord
from agentfleet.advisories.sources import parse_records
from agentfleet.core.errors import PermanentError

if TYPE_CHECKING:
    from agentfleet.advisories.config import AdvisoriesConfig, AdvisorySettings

__all__ = ["OsvApiSource"]

log = logging.getLogger(__name__)

_MAX_PAGES = 50


class OsvApiSource:
    """Advisories from an OSV API server (``https://api.osv.dev`` or a compatible mirror)."""

    @classmethod
    def from_config(
        cls, config: AdvisoriesConfig, settings: AdvisorySettings, cache_dir: Path, client: httpx.Client
    ) -> OsvApiSource:
        """The settings' OSV API, or the URL ``config.source`` gives."""
        url = settings.osv_api_url if config.source == "osv-api" else config.source
        cache = JsonCache(cache_dir / "osv", settings.cache_ttl_s)
        return cls(url, cache, client=client, batch_size=settings.batch_size)

    def __init__(self, base_url: str, cache: JsonCache, *, client: httpx.Client, batch_size: int = 1000) -> None:
        self.base_url = base_url.rstrip("/")
        self.cache = cache
        self.client = client
        self.batch_size = batch_size

    def records(self, packages: Collection[str]) -> dict[str, list[OsvRecord]]:
        """Every record about each of ``packages`` (cached ids for the TTL, records until modified)."""
        names = sorted({canonicalize_name(p) for p in packages})
        ids: dict[str, list[dict[str, str]]] = {}
        missing = []
        for name in names:
            cached = self.cache.get(f"osv-ids:{self.base_url}:{name}")
            if cached is None:
                missing.append(name)
            else:
                ids[name] = cached
        for start in range(0, len(missing), self.batch_size):
            ids.update(self._query(missing[start : start + self.batch_size]))
        return {name: [self._record(v["id"], v.get("modified", "")) for v in vulns] for name, vulns in ids.items()}

    def _query(self, names: Sequence[str]) -> dict[str, list[dict[str, str]]]:
        found: dict[str, list[dict[str, str]]] = {name: [] for name in names}
        pending: dict[str, str | None] = dict.fromkeys(names)
        for _ in range(_MAX_PAGES):
            if not pending:
                break
            order = list(pending)
            queries = [self._query_item(name, pending[name]) for name in order]
            results = self._post_batch(queries)
            pending = {}
            for name, result in zip(order, results, strict=True):
                found[name].extend({"id": v["id"], "modified": v.get("modified", "")} for v in result.get("vulns", []))
                if result.get("next_page_token"):
                    pending[name] = result["next_page_token"]
        else:
            raise PermanentError(f"OSV querybatch at {self.base_url} kept paginating past {_MAX_PAGES} pages")
        for name, vulns in found.items():
            self.cache.put(f"osv-ids:{self.base_url}:{name}", vulns)
        total = sum(map(len, found.values()))
        log.info("osv querybatch url=%s packages=%d records=%d", self.base_url, len(names), total)
        return found

    @staticmethod
    def _query_item(name: str, page_token: str | None) -> dict[str, Any]:
        item: dict[str, Any] = {"package": {"name": name, "ecosystem": "PyPI"}}
        if page_token:
            item["page_token"] = page_token
        return item

    def _post_batch(self, queries: list[dict[str, Any]]) -> list[dict[str, Any]]:
        url = f"{self.base_url}/v1/querybatch"
        response = checked(self.client, "POST", url, what="OSV querybatch", json={"queries": queries})
        results = response.json().get("results") if response is not None else None
        if not isinstance(results, list) or len(results) != len(queries):
            raise PermanentError(f"OSV querybatch at {url} answered {len(queries)} queries with a malformed result")
        return results

    def _record(self, vuln_id: str, modified: str) -> OsvRecord:
        key = f"osv-vuln:{self.base_url}:{vuln_id}:{modified}"
        data = self.cache.get(key, ttl_s=float("inf")) if modified else None
        if data is None:
            url = f"{self.base_url}/v1/vulns/{vuln_id}"
            response = checked(self.client, "GET", url, what="OSV vulnerability")
            if response is None:
                raise PermanentError(f"OSV API at {self.base_url} listed {vuln_id} but has no such record")
            data = response.json()
            self.cache.put(key, data)
        return parse_records(data, f"OSV API record {vuln_id} from {self.base_url}", PermanentError)[0]
