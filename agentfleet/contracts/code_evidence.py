"""The evidence of findings about the code itself: docs drift (API changes, stale docs) and quality debt."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from agentfleet.contracts.base import EvidenceModel

__all__ = [
    "ApiChange",
    "ClonePlace",
    "DocsEvidence",
    "DocsInconsistency",
    "ParamChange",
    "QualityEvidence",
    "QualityMetrics",
]


class ParamChange(EvidenceModel):
    """One parameter of a changed signature."""

    change: Literal["added", "removed", "renamed", "default", "kind"]
    name: str
    """The parameter's name now (the old name when it was removed)."""
    old_name: str | None = None
    """For ``renamed``: the name it had."""
    annotation: str | None = None
    """Its type annotation now, as written."""
    default: str | None = None
    """Its default now, as written (``None``: required)."""
    old_default: str | None = None
    """Its default before, as written."""


class ApiChange(EvidenceModel):
    """One public symbol that changed between two commits (griffe's diff plus additions and renames)."""

    symbol: str
    """Public dotted path now (the old path when removed); ``cli:--option`` for a command-line option."""
    change: Literal["added", "removed", "renamed", "moved", "changed", "deprecated"]
    kind: str = "function"
    """``function``, ``class``, ``attribute``, ``module`` or ``option``."""
    old: str = ""
    """The old signature (``fetch(url, timeout=10)``); empty when added."""
    new: str = ""
    """The new signature; empty when removed."""
    old_symbol: str | None = None
    """For ``renamed`` and ``moved``: the public path it had."""
    params: tuple[ParamChange, ...] = ()
    raises_added: tuple[str, ...] = ()
    """Exceptions the code raises now and did not before."""
    raises_removed: tuple[str, ...] = ()
    """Exceptions the code raised before and no longer does."""
    breaking: tuple[str, ...] = ()
    """griffe's breaking-change explanations for this symbol, one line each."""
    path: str = ""
    """Repository-relative file that defines it (before the change when removed)."""
    line: int = 0


class DocsInconsistency(EvidenceModel):
    """One place where the documentation disagrees with the code as it stands."""

    check: Literal["docstring", "prose", "example", "no_update"]
    symbol: str
    file: str
    """Repository-relative file holding the stale text."""
    line: int = 0
    """1-based line of the stale text; 0 when not tied to a line."""
    old: str = ""
    """What the docs say now."""
    new: str = ""
    """What they should say (empty: remove it; a placeholder when a human or the agent must write it)."""
    action: Literal["rename", "remove", "add", "default", "retype", "reference", "changelog", "review"]
    """What the offline fixer does about it; ``review`` is flagged for a human, never guessed."""
    message: str = ""
    """One line for humans."""


class DocsEvidence(EvidenceModel):
    """Public API that changed while its docs did not: the changes and every inconsistency found."""

    kind: Literal["docs"] = "docs"
    symbols: tuple[str, ...]
    since_commit: str
    """The audited range starts after this commit."""
    changes: tuple[ApiChange, ...] = ()
    inconsistencies: tuple[DocsInconsistency, ...] = ()


class QualityMetrics(EvidenceModel):
    """What the quality monitor measured at one function (and its module)."""

    complexity: int = 0
    """Cyclomatic complexity (McCabe, as ruff's ``C901`` counts it; nested functions included)."""
    lines: int = 0
    """Statement lines of the function: its body without blank lines, comments or the docstring."""
    nesting: int = 0
    """Deepest nesting of compound statements (``if``, loops, ``with``, ``try``, ``match``) in the body."""
    maintainability: float | None = None
    """The module's maintainability index (radon, 0–100; below 10 is radon's rank C)."""
    duplicate_lines: int = 0
    """Statement lines of the function that a clone elsewhere repeats (identical modulo names)."""
    ruff: tuple[str, ...] = ()
    """Codes of the enabled ruff rules the function breaks (``SIM102``, ``RET505``), each once."""
    coverage: float | None = None
    """Share of the function's executable lines the suite runs (the coverage monitor's data, when it has some)."""


class ClonePlace(EvidenceModel):
    """One occurrence of a duplicated block."""

    path: str
    function: str
    """Qualified name of the function holding it."""
    start: int
    end: int


class QualityEvidence(EvidenceModel):
    """Quality thresholds a function crossed (or a block duplicated), with everything measured there."""

    kind: Literal["quality"] = "quality"
    rule: str
    """The rule the work is about: ``complexity``, ``nesting``, ``length``, ``duplication``, ``maintainability``
    or ``ruff``."""
    path: str
    line: int
    message: str = ""
    function: str = ""
    """Qualified name of the function (``parse`` or ``Parser.feed``)."""
    span: tuple[int, int] = (0, 0)
    """First and last line of the function (decorators included)."""
    rules: tuple[str, ...] = ()
    """Every rule the function crosses (``rule`` first)."""
    metrics: QualityMetrics = Field(default_factory=QualityMetrics)
    limits: dict[str, float] = Field(default_factory=dict)
    """The threshold of each rule crossed, as the fleet file set it."""
    clones: tuple[ClonePlace, ...] = ()
    """For ``duplication``: every occurrence of the block, this one first."""
    since: str = ""
    """The commit the audit counted new debt from (empty in ``worst`` mode)."""
