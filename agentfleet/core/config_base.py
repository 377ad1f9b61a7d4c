"""Base for component configs: field docstrings become descriptions; unknown keys are errors."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = ["ComponentConfig"]


class ComponentConfig(BaseModel):
    """A small, typed config a component is built from (settings section or fleet-file section)."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)
