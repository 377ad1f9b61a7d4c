"""Query strings: parse into multi-dicts, build, and merge."""

from __future__ import annotations

from urllib.parse import quote, unquote


def parse_query(query: str) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    query = query.lstrip("?")
    if not query:
        return result
    for pair in query.split("&"):
        if not pair:
            continue
        key, sep, value = pair.partition("=")
        key = unquote(key.replace("+", " "))
        value = unquote(value.replace("+", " ")) if sep else ""
        result.setdefault(key, []).append(value)
    return result


def build_query(params: dict[str, list[str]]) -> str:
    parts = []
    for key in sorted(params):
        for value in params[key]:
            parts.append(f"{quote(key, safe='')}={quote(value, safe='')}")
    return "&".join(parts)


def merge_query(query: str, updates: dict[str, str]) -> str:
    params = parse_query(query)
    for key, value in updates.items():
        if value == "":
            params.pop(key, None)
        else:
            params[key] = [value]
    return build_query(params)


def first(query: str, key: str, default: str = "") -> str:
    values = parse_query(query).get(key)
    if not values:
        return default
    return values[0]
