"""A small INI reader: sections, typed getters, interpolation of ${name}."""

from __future__ import annotations

import re

_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_.]*)\}")


def parse_ini(text: str) -> dict[str, dict[str, str]]:
    sections: dict[str, dict[str, str]] = {"": {}}
    current = ""
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
            sections.setdefault(current, {})
            continue
        key, sep, value = line.partition("=")
        if not sep:
            raise ValueError(f"line {number}: expected key = value")
        sections[current][key.strip()] = value.strip()
    return sections


def get_bool(sections: dict[str, dict[str, str]], section: str, key: str, default: bool = False) -> bool:
    value = sections.get(section, {}).get(key)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in ("1", "yes", "true", "on"):
        return True
    if lowered in ("0", "no", "false", "off"):
        return False
    raise ValueError(f"{section}.{key}: {value!r} is not a boolean")


def get_int(sections: dict[str, dict[str, str]], section: str, key: str, default: int = 0) -> int:
    value = sections.get(section, {}).get(key)
    if value is None:
        return default
    try:
        return int(value, 0)
    except ValueError:
        raise ValueError(f"{section}.{key}: {value!r} is not an integer") from None


def interpolate(value: str, variables: dict[str, str], depth: int = 0) -> str:
    if depth > 5:
        raise ValueError("interpolation nests too deeply")

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in variables:
            raise KeyError(name)
        return interpolate(variables[name], variables, depth + 1)

    return _REF.sub(replace, value)
