"""Semantic versions: parse, compare, bump."""

from __future__ import annotations

import re
from dataclasses import dataclass

_PATTERN = re.compile(r"^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$")


@dataclass(frozen=True)
class Version:
    major: int
    minor: int
    patch: int
    pre: str = ""

    def __str__(self) -> str:
        base = f"{self.major}.{self.minor}.{self.patch}"
        return f"{base}-{self.pre}" if self.pre else base


def parse(text: str) -> Version:
    match = _PATTERN.match(text.strip())
    if match is None:
        raise ValueError(f"not a semantic version: {text!r}")
    major, minor, patch, pre, _build = match.groups()
    return Version(int(major), int(minor), int(patch), pre or "")


def _pre_key(pre: str) -> tuple:
    if not pre:
        return (1,)
    parts = []
    for part in pre.split("."):
        parts.append((0, int(part), "") if part.isdigit() else (1, 0, part))
    return (0, tuple(parts))


def compare(a: str, b: str) -> int:
    left, right = parse(a), parse(b)
    key_a = (left.major, left.minor, left.patch, _pre_key(left.pre))
    key_b = (right.major, right.minor, right.patch, _pre_key(right.pre))
    if key_a < key_b:
        return -1
    if key_a > key_b:
        return 1
    return 0


def bump(text: str, part: str) -> str:
    version = parse(text)
    if part == "major":
        return str(Version(version.major + 1, 0, 0))
    if part == "minor":
        return str(Version(version.major, version.minor + 1, 0))
    if part == "patch":
        if version.pre:
            return str(Version(version.major, version.minor, version.patch))
        return str(Version(version.major, version.minor, version.patch + 1))
    raise ValueError(f"unknown part {part!r}; use major, minor or patch")


def satisfies(text: str, minimum: str, maximum: str | None = None) -> bool:
    if compare(text, minimum) < 0:
        return False
    return maximum is None or compare(text, maximum) < 0
