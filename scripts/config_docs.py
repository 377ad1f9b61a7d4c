#!/usr/bin/env python3
"""Write (or --check) the reference tables in docs/configuration.md from the settings and fleet-file models."""

from __future__ import annotations

import json
import re
import sys
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, RootModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from agentfleet.core.fleet import FleetConfig
from agentfleet.core.settings import Settings
from agentfleet.flow.kinds import KINDS

DOC = Path(__file__).resolve().parents[1] / "docs" / "configuration.md"
BEGIN, END = "<!-- generated: begin -->", "<!-- generated: end -->"


def _model_of(field: FieldInfo) -> type[BaseModel] | None:
    ann = field.annotation
    return ann if isinstance(ann, type) and issubclass(ann, BaseModel) else None


def _mapped_model(field: FieldInfo) -> type[BaseModel] | None:
    """The value model of a ``dict[str, Model]`` field (``monitors.<name>``), else ``None``."""
    args = typing.get_args(field.annotation)
    if typing.get_origin(field.annotation) is dict and len(args) == 2 and isinstance(args[1], type):
        return args[1] if issubclass(args[1], BaseModel) else None
    return None


def _type(field: FieldInfo) -> str:
    ann: Any = field.annotation
    text = getattr(ann, "__name__", None) if isinstance(ann, type) else None
    text = re.sub(r"\b(?:typing|pydantic\.types|agentfleet(?:\.\w+)+)\.", "", text or str(ann))
    return text.replace("|", "\\|")


def _shown(value: Any) -> str:
    if value in ({}, [], ()):
        return "(empty)"
    plain = str(getattr(value, "value", value))
    text = json.dumps(value, default=str) if isinstance(value, list | dict | tuple) else plain
    text = text if len(text) <= 70 else text[:67] + "…"
    return f"`{text}`".replace("|", "\\|")


def _default(field: FieldInfo) -> str:
    if field.default_factory is not None:
        try:
            return _shown(field.default_factory())  # type: ignore[call-arg]
        except TypeError:
            return "(computed)"
    if field.default is PydanticUndefined:
        return "**required**"
    return "" if field.default is None else _shown(field.default)


def _per_kind_rows(model: type[RootModel[Any]], key: str) -> list[str]:
    """One row per work kind of a per-kind table (``trust``, ``fixers``), defaults from the work-kind table."""
    value_type = typing.get_args(model.model_fields["root"].annotation)[1]
    shown = getattr(value_type, "__name__", str(value_type))
    doc = (model.__doc__ or "").split(" (``")[0].replace("\n", " ").replace("|", "\\|")
    return [f"| `{key}.{kind.value}` | {shown} | {_shown(model().of(kind))} | {doc}. |" for kind in KINDS]


def _rows(model: type[BaseModel], prefix: str, sep: str, upper: bool) -> list[str]:
    rows: list[str] = []
    for name, field in model.model_fields.items():
        if name == "schema_version":
            continue
        key = f"{prefix}{name.upper() if upper else name}"
        if isinstance(field.annotation, type) and issubclass(field.annotation, RootModel):
            rows += _per_kind_rows(field.annotation, key)
            continue
        sub = _model_of(field)
        mapped = _mapped_model(field) if not upper else None
        if sub is not None:
            rows += _rows(sub, f"{key}{sep}", sep, upper)
            continue
        if mapped is not None:
            rows += _rows(mapped, f"{key}.<name>{sep}", sep, upper)
            continue
        doc = (field.description or "").replace("\n", " ").replace("|", "\\|")
        rows.append(f"| `{key}` | {_type(field)} | {_default(field)} | {doc} |")
    return rows


def render() -> str:
    """The generated part of docs/configuration.md."""
    head = "| name | type | default | meaning |\n|---|---|---|---|"
    settings = "\n".join(_rows(Settings, "AGENTFLEET_", "__", upper=True))
    repo_model = FleetConfig.model_fields["repos"].annotation.__args__[0]  # type: ignore[union-attr]
    repo = "\n".join(_rows(repo_model, "", ".", upper=False))
    return (
        f"{BEGIN}\n### Process settings (environment or `.env`)\n\n{head}\n{settings}\n\n"
        f"### Fleet file: each `[[repos]]` entry\n\n{head}\n{repo}\n{END}"
    )


def main() -> int:
    text = DOC.read_text()
    start, end = text.index(BEGIN), text.index(END) + len(END)
    fresh = text[:start] + render() + text[end:]
    if "--check" in sys.argv:
        if fresh != text:
            print("docs/configuration.md is out of date: run python scripts/config_docs.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(fresh)
    return 0


if __name__ == "__main__":
    sys.exit(main())
