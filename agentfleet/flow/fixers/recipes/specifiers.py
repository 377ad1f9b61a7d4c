"""Rewrite a requirement's version specifier to admit an upgrade target, keeping its text style."""

from __future__ import annotations

import re

from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import Specifier, SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

from agentfleet.advisories.audit import FLOOR_OPERATORS

__all__ = ["replace_specifier", "upgraded_specifier"]

_HEAD = re.compile(r"^(?P<head>\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*)")
_SPEC_END = re.compile(r"\s*(?:;|\s--|\s#|\\|$)")


def _compatible_cap(clause: Specifier) -> Specifier:
    """The upper half of ``~=A.B.C``: ``==A.B.*``."""
    release = Version(clause.version).release
    return Specifier(f"=={'.'.join(str(p) for p in release[:-1])}.*")


def upgraded_specifier(specifier: SpecifierSet, target: str) -> list[str]:
    """Clauses admitting ``target`` as the lowest version: a pin becomes ``==target``, a floor ``>=target``.

    Upper bounds and exclusions are kept; ``~=A.B`` keeps its implied cap as ``==A.*``.
    """
    clauses = list(specifier)
    pins = [c for c in clauses if c.operator in {"==", "==="} and not c.version.endswith("*")]
    if len(clauses) == 1 and pins:
        return [f"{pins[0].operator}{target}"]
    kept = [str(c) for c in clauses if c.operator not in FLOOR_OPERATORS and c not in pins]
    caps = [str(_compatible_cap(c)) for c in clauses if c.operator == "~="]
    return [f">={target}", *caps, *kept]


def replace_specifier(requirement: str, package: str, target: str) -> str | None:
    """``requirement`` text with its specifier upgraded to ``target``; ``None`` when it is not ``package``.

    Everything around the specifier (extras, spacing, marker, options, comment) is left as written.
    """
    head = _HEAD.match(requirement)
    if head is None or canonicalize_name(head["name"]) != canonicalize_name(package):
        return None
    rest = requirement[head.end() :]
    end = _SPEC_END.search(rest)
    spec_text = rest[: end.start()] if end else rest
    try:
        parsed = Requirement(head["head"].strip() + spec_text.strip())
    except InvalidRequirement:
        return None
    separator = ", " if ", " in spec_text else ","
    new = separator.join(upgraded_specifier(parsed.specifier, target))
    if spec_text.strip().startswith("("):
        new = f"({new})"
    trailing = spec_text[len(spec_text.rstrip()) :]
    return head["head"] + new + trailing + rest[len(spec_text) :]
