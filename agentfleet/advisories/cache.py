"""A small on-disk JSON cache with a time-to-live, shared by the OSV API client and the index clients.

HTTP caching headers are not what we want here (PyPI and OSV answers are reused for a configured TTL
whatever the server says, and a local simple index sends none), so this is a plain key → JSON store.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from agentfleet.contracts import stable_hash

__all__ = ["JsonCache"]


class JsonCache:
    """JSON values under ``directory``, one file per key; entries older than ``ttl_s`` are misses."""

    def __init__(self, directory: Path, ttl_s: float) -> None:
        self.directory = directory
        self.ttl_s = ttl_s

    def _path(self, key: str) -> Path:
        return self.directory / f"{stable_hash(key, length=32)}.json"

    def get(self, key: str, *, ttl_s: float | None = None) -> Any | None:
        """The value stored for ``key`` if younger than the TTL (``ttl_s`` overrides it), else ``None``."""
        ttl = self.ttl_s if ttl_s is None else ttl_s
        if ttl <= 0:
            return None
        path = self._path(key)
        try:
            if time.time() - path.stat().st_mtime > ttl:
                return None
            entry = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return entry.get("value") if isinstance(entry, dict) and entry.get("key") == key else None

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` for ``key`` atomically (readers never see a half-written file)."""
        if self.ttl_s <= 0:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump({"key": key, "value": value}, out)
        os.replace(tmp, self._path(key))
