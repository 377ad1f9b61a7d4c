"""Parse a PEP 503 (HTML) or PEP 691 (JSON) project page into (version, file) pairs."""

from __future__ import annotations

import json
import logging
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

from packaging.utils import (
    InvalidSdistFilename,
    InvalidWheelFilename,
    canonicalize_name,
    parse_sdist_filename,
    parse_wheel_filename,
)

from agentfleet.advisories.releases import ReleaseFile

__all__ = ["parse_simple", "version_of"]

log = logging.getLogger(__name__)


def version_of(filename: str, project: str) -> str | None:
    """The version in a wheel or sdist ``filename`` of ``project``, or ``None`` (other project, legacy name)."""
    try:
        if filename.endswith(".whl"):
            name, version, _, _ = parse_wheel_filename(filename)
        else:
            name, version = parse_sdist_filename(filename)
    except (InvalidWheelFilename, InvalidSdistFilename):
        return None
    return str(version) if name == canonicalize_name(project) else None


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.found.append(dict(attrs))


def _html_files(text: str) -> list[dict[str, Any]]:
    parser = _Anchors()
    parser.feed(text)
    files = []
    for attrs in parser.found:
        href = attrs.get("href") or ""
        parts = urlsplit(href)
        algo, _, digest = parts.fragment.partition("=")
        files.append(
            {
                "filename": parts.path.rsplit("/", 1)[-1],
                "hashes": {algo: digest} if digest else {},
                "yanked": "data-yanked" in attrs,
            }
        )
    return files


def parse_simple(text: str, content_type: str, project: str) -> list[tuple[str, ReleaseFile]]:
    """The distribution files listed on ``project``'s page, with their versions."""
    files = json.loads(text).get("files", []) if "json" in content_type else _html_files(text)
    out = []
    for raw in files:
        filename = raw.get("filename", "")
        version = version_of(filename, project)
        if version is None:
            log.debug("simple index %s: skipping %r (not a wheel or sdist of it)", project, filename)
            continue
        sha256 = (raw.get("hashes") or {}).get("sha256")
        out.append((version, ReleaseFile(filename, sha256, bool(raw.get("yanked")))))
    return out
