"""Advisory sources behind one protocol: a local OSV mirror (directory, JSON file, zip) or in-memory records.

The OSV API source lives in ``osv_api.py``. ``ADVISORY_SOURCES`` names the built-ins; a source class
has the ``AdvisorySourceFactory`` class method ``from_config``; ``factory.source_for`` picks one.
"""

from __future__ import annotations

import json
import zipfile
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from packaging.utils import canonicalize_name
from pydantic import ValidationError

from agentfleet.advisories.osv import OsvRecord
from agentfleet.core.errors import ConfigError

if TYPE_CHECKING:
    import httpx

    from agentfleet.advisories.config import AdvisoriesConfig, AdvisorySettings

__all__ = [
    "ADVISORY_SOURCES",
    "AdvisorySource",
    "AdvisorySourceFactory",
    "LocalOsvSource",
    "StaticSource",
    "parse_records",
]

ADVISORY_SOURCES: dict[str, str] = {
    "osv-api": "agentfleet.advisories.osv_api.OsvApiSource",
    "osv-local": "agentfleet.advisories.sources.LocalOsvSource",
}
"""Short name → import path of the built-in advisory sources (``[repos.advisories] source_type``)."""


class AdvisorySource(Protocol):
    """Where OSV records come from."""

    def records(self, packages: Collection[str]) -> dict[str, list[OsvRecord]]:
        """Every record (withdrawn included) about each of ``packages``, keyed by normalised name."""
        ...


class AdvisorySourceFactory(Protocol):
    """What a source class (an ``ADVISORY_SOURCES`` entry or a dotted path) must have."""

    def from_config(
        self, config: AdvisoriesConfig, settings: AdvisorySettings, cache_dir: Path, client: httpx.Client
    ) -> AdvisorySource:
        """A source for one repo's ``[repos.advisories]`` (``source`` is its location), with a cache dir and
        an HTTP client the caller closes."""
        ...


class StaticSource:
    """Records held in memory: tests, dry runs and the benchmark use it; so can users."""

    def __init__(self, records: Iterable[OsvRecord]) -> None:
        self._by_package: dict[str, list[OsvRecord]] = defaultdict(list)
        for record in records:
            for name in record.packages:
                self._by_package[name].append(record)

    def records(self, packages: Collection[str]) -> dict[str, list[OsvRecord]]:
        """The held records about ``packages``."""
        names = {canonicalize_name(p) for p in packages}
        return {name: list(self._by_package[name]) for name in names if name in self._by_package}

    def __len__(self) -> int:
        return len({r.id for records in self._by_package.values() for r in records})


def parse_records(data: Any, origin: str, error: type[Exception] = ConfigError) -> list[OsvRecord]:
    """OSV records from decoded JSON: one record, a list, or ``{"vulns": [...]}``; ``error`` names the bad one."""
    if isinstance(data, dict) and "vulns" in data:
        data = data["vulns"]
    items = data if isinstance(data, list) else [data]
    records = []
    for index, item in enumerate(items):
        try:
            records.append(OsvRecord.model_validate(item))
        except ValidationError as exc:
            name = item.get("id", f"#{index}") if isinstance(item, dict) else f"#{index}"
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise error(f"{origin}: OSV record {name} is invalid at {where}: {first['msg']}") from None
    return records


def _load_json(text: str | bytes, origin: str) -> list[OsvRecord]:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ConfigError(f"{origin} is not valid JSON: {exc}") from None
    return parse_records(data, origin)


def _read(path: Path) -> Iterator[OsvRecord]:
    if path.is_dir():
        for file in sorted(path.rglob("*.json")):
            yield from _load_json(file.read_bytes(), str(file))
    elif path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            for member in sorted(n for n in archive.namelist() if n.endswith(".json")):
                yield from _load_json(archive.read(member), f"{path}!{member}")
    else:
        yield from _load_json(path.read_bytes(), str(path))


@lru_cache(maxsize=8)
def _load(path: Path, _mtime_ns: int) -> StaticSource:
    return StaticSource(_read(path))


class LocalOsvSource:
    """An offline OSV mirror: a directory of ``*.json`` records, one JSON file, or an OSV ``all.zip``."""

    @classmethod
    def from_config(
        cls, config: AdvisoriesConfig, settings: AdvisorySettings, cache_dir: Path, client: httpx.Client
    ) -> LocalOsvSource:
        """The mirror at ``config.source``."""
        return cls(config.source)

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path).expanduser().resolve()
        if not self.path.exists():
            raise ConfigError(
                f"advisory source {self.path} does not exist; set [repos.advisories] source to an OSV "
                "directory, JSON file or zip, or to 'osv-api'"
            )

    def records(self, packages: Collection[str]) -> dict[str, list[OsvRecord]]:
        """Records about ``packages``; the mirror is re-read when it changes on disk."""
        return _load(self.path, self.path.stat().st_mtime_ns).records(packages)
