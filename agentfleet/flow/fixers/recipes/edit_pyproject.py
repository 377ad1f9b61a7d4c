"""Upgrade a package in ``pyproject.toml`` by editing its requirement strings in place (no TOML re-dump)."""

from __future__ import annotations

import json
import tomllib

from agentfleet.advisories.discovery.pyproject import declared_strings
from agentfleet.flow.fixers.recipes.specifiers import replace_specifier

__all__ = ["upgrade_pyproject"]


def _quoted(value: str) -> list[str]:
    """The ways a TOML basic or literal string holding ``value`` may be written."""
    forms = [json.dumps(value, ensure_ascii=False)]
    if "'" not in value:
        forms.append(f"'{value}'")
    return forms


def upgrade_pyproject(text: str, package: str, target: str) -> tuple[str, int]:
    """``(new text, strings changed)``: each dependency string naming ``package`` upgraded to admit ``target``."""
    data = tomllib.loads(text)
    changed = 0
    for _, item in declared_strings(data):
        new = replace_specifier(item, package, target)
        if new is None or new == item:
            continue
        for old_form, new_form in zip(_quoted(item), _quoted(new), strict=False):
            if old_form in text:
                text = text.replace(old_form, new_form)
                changed += 1
                break
    tomllib.loads(text)  # the edit must leave valid TOML
    return text, changed
