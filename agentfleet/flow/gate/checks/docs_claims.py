"""The checkable statements a docs patch adds about named API items, read from its added lines: in docs files, and in
docstrings (whose function is the statement's subject when the line names none).

In a docs file, a line that names no API item is about the item the section it sits in documents: a Markdown
heading or an reST title that is a name or a call (``## parse(text, limit=100)``), or a Sphinx object directive
(``.. function:: parse(text)``, ``.. autofunction:: pkg.parse``); any other heading ends that section.

A claim is one of: raises ``E`` / does not (no longer, never) raise ``E``; returns (gives) ``None``; ``p`` defaults to a
literal; a call shown with keywords (``fetch(url, timeout=30)``: each keyword a parameter); ``x`` was removed (or
``f`` no longer takes ``p``); ``f`` is deprecated; added or changed in version N; and, in a changelog, an entry that
claims a change (fixed, added, removed…). Prose that names no API item, or a value that is no Python literal
("defaults to the current directory"), makes no claim here: a reader judges it. ``docs_claims_judge.py`` compares
each claim with the code.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from agentfleet.flow.gate.diffview import DiffView

__all__ = ["Claim", "claims_in"]


@dataclass(frozen=True)
class Claim:
    """One statement about the API: ``kind`` with its ``detail`` (an exception, a parameter, a removed name, a
    version), ``value`` (a default), the API names it is about (``subjects``) and whether it claims a change."""

    path: str
    line: int
    kind: str
    """``raises``, ``does_not_raise``, ``returns_none``, ``default``, ``keyword``, ``removed``, ``deprecated``,
    ``version``, ``changelog``, ``change`` (a change claimed in other words: "``f`` no longer strips…")."""
    subjects: tuple[str, ...]
    detail: str = ""
    value: str = ""
    change: bool = False
    owner: str = ""
    """The function the docstring or docs section is about: the subject when no name the line gives is a function
    (a line naming only a parameter, ```limit```)."""

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


_CODE = re.compile(r"`+:?(?:[\w]+:)?~?([^`]+?)`+")
"""An inline code span (Markdown, reST double backticks, a Sphinx role's target)."""
_CONSTANTS = frozenset({"None", "True", "False"})
_NAME = re.compile(r"^[A-Za-z_][\w.]*(?:\(\))?$")
_EXC = r"`*~?(?P<exc>(?:\w+\.)*[A-Z][A-Za-z0-9]*(?:Error|Exception|Exceeded|Warning|Timeout|Failure|Exit|Interrupt))`*"
_RAISES = re.compile(
    r"(?P<neg>\b(?:no\s+longer|not|never|n't|without|nor)\s+(?:\w+\s+){0,2})?\b(?:raises?|raising|throws?|throwing)\s+"
    r"(?:an?\s+|the\s+)?" + _EXC,
    re.IGNORECASE,
)
_RAISES_FIELD = re.compile(r"^\s*:raises?\s+" + _EXC + r"\s*:")
_RAISES_ENTRY = re.compile(r"^\s*`*~?((?:\w+\.)*[A-Z]\w*)`*\s*(?::|$)")
_RETURNS_NONE = re.compile(
    r"(?P<neg>\b(?:no\s+longer|not|never|n't)\s+(?:\w+\s+)?)?\b(?:returns?|gives?|answers?)\s+`*None`*(?![\w.])",
    re.IGNORECASE,
)
_LITERAL = r"(?P<value>`[^`]+`|\"[^\"]*\"|'[^']*'|-?\d[\w.]*|None|True|False|none|true|false)"
_DEFAULT = re.compile(r"\bdefaults?\s*(?:value\s+)?(?:to|is|:|=|of)?\s*" + _LITERAL + r"(?![\w`\"'])", re.IGNORECASE)
_REMOVED = re.compile(
    r"`+~?(?P<after>[\w.]+)(?:\(\))?`+\s+(?:\w+\s+)?(?:has|have|was|were|is|are)\s+(?:been\s+)?(?:removed|dropped|deleted)"
    r"|\b(?:removed?|dropped|deleted?)\s+(?:the\s+|support\s+for\s+)?`+~?(?P<before>[\w.]+)(?:\(\))?`+"
    r"|\bno\s+longer\s+(?:accepts?|takes?|supports?|has|needs?|requires?)\s+(?:an?\s+|the\s+)?`+(?P<param>\w+)`+",
    re.IGNORECASE,
)
_DEPRECATED = re.compile(r"\bdeprecated\b|^\s*\.\.\s+deprecated::", re.IGNORECASE)
_VERSION = re.compile(
    r"\b(?:added|new|introduced|changed)\s+in\s+(?:version\s+)?v?\d+(?:\.\d+)+|^\s*\.\.\s+version(?:added|changed)::",
    re.IGNORECASE,
)
_CHANGE = re.compile(r"\bno\s+longer\b|\bnow\s+(?:raises?|returns?|accepts?|takes?|defaults?)\b", re.IGNORECASE)
_LOGGED = re.compile(
    r"\b(?:fix(?:ed|es)?|removed?|add(?:ed|s)?|renamed?|deprecated?|changed?|dropped|replaced?)\b", re.IGNORECASE
)
_CHANGELOG = re.compile(r"change|history|news|release", re.IGNORECASE)


def is_changelog(path: str) -> bool:
    """A changelog by its name (``CHANGELOG.md``, ``HISTORY.rst``, ``NEWS``, ``docs/changes.rst``)."""
    return bool(_CHANGELOG.search(PurePosixPath(path).name))


def _spans(text: str) -> list[str]:
    return [m.group(1).strip() for m in _CODE.finditer(text)]


def _names(text: str) -> list[str]:
    """API names the line names: code spans that read as a name or a call (``fetch``, ``Client.get()``)."""
    found = []
    for span in _spans(text):
        head = span.split("(", 1)[0] if "(" in span else span
        if _NAME.match(head.strip()) and head.strip() not in _CONSTANTS:
            found.append(head.strip())
    return found


@dataclass(frozen=True)
class _Context:
    """What a docstring line is about: its function (``Class.name``), the parameter entry and section it is in."""

    owner: str = ""
    param: str = ""
    section: str = ""


def _raise_claims(text: str, ctx: _Context) -> list[tuple[str, str]]:
    """(kind, exception) of the line's statements about what is raised."""
    found = [("does_not_raise" if m.group("neg") else "raises", m.group("exc")) for m in _RAISES.finditer(text)]
    if ctx.section == "raises" and not _SECTION.match(text) and (entry := _RAISES_ENTRY.match(text)):
        found.append(("raises", entry.group(1)))
    if field := _RAISES_FIELD.match(text):
        found.append(("raises", field.group("exc")))
    return [(kind, exc.rpartition(".")[2]) for kind, exc in found]


def _default_claims(text: str, ctx: _Context, names: list[str]) -> list[tuple[str, str, tuple[str, ...]]]:
    """(parameters it may be about, value, names) of the line's statements about a default: the parameter is the
    docstring entry's, or one of the names before "default" (the judge tells functions from parameters)."""
    found = []
    for match in _DEFAULT.finditer(text):
        before = [s for s in _names(text[: match.start()]) if "." not in s]
        params = [ctx.param] if ctx.param else before
        if params:
            about = tuple(names) + ((ctx.owner,) if ctx.owner else ())
            found.append((",".join(params), match.group("value").strip("`").rstrip(".,;:"), about))
    return found


def _line_claims(path: str, n: int, text: str, ctx: _Context, changelog: bool) -> list[Claim]:
    names = _names(text)
    subjects = tuple(names) or ((ctx.owner,) if ctx.owner else ())
    change = bool(_CHANGE.search(text)) or changelog
    found = [Claim(path, n, kind, subjects, exc, change=change) for kind, exc in _raise_claims(text, ctx)]
    found += [Claim(path, n, "returns_none", subjects, change=change) for m in _RETURNS_NONE.finditer(text)
              if not m.group("neg")]  # fmt: skip
    found += [Claim(path, n, "default", about, p, v, change) for p, v, about in _default_claims(text, ctx, names)]
    calls = [c for c in map(_call, _spans(text)) if c is not None and any(k.arg for k in c.keywords)]
    found += [
        Claim(path, n, "keyword", (ast.unparse(c.func),), ",".join(k.arg for k in c.keywords if k.arg), change=change)
        for c in calls
    ]
    for match in _REMOVED.finditer(text):
        name = match.group("after") or match.group("before") or match.group("param")
        found.append(Claim(path, n, "removed", tuple(s for s in subjects if s != name), name, change=True))
    found += [Claim(path, n, "deprecated", subjects, change=change)] if _DEPRECATED.search(text) else []
    found += [Claim(path, n, "version", subjects, change=change)] if _VERSION.search(text) else []
    found += [Claim(path, n, "changelog", tuple(names), change=True)] if changelog and _LOGGED.search(text) else []
    if change and not changelog and not found:
        found.append(Claim(path, n, "change", subjects, change=True))
    return [replace(c, owner=ctx.owner) for c in found if c.subjects or c.kind in {"changelog", "removed"}]


def _call(span: str) -> ast.Call | None:
    try:
        node = ast.parse(span, mode="eval").body
    except (SyntaxError, ValueError):
        return None
    return node if isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute) else None


def _docstring_contexts(source: str) -> dict[int, _Context]:
    """Line number → context, for every line inside a function's or class's docstring."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return {}
    lines = source.splitlines()
    owners: dict[int, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            owners |= {id(c): f"{node.name}.{c.name}" for c in node.body if isinstance(c, ast.FunctionDef)}
    found: dict[int, _Context] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            found |= _contexts(node, owners.get(id(node), node.name), lines)
    return found


_SECTION = re.compile(r"^\s*(Args|Arguments|Parameters|Params|Raises|Returns|Yields|Examples?|Notes?)\s*:?\s*$")
_ENTRY = re.compile(r"^\s*(?::param\s+(?:\w+\s+)?)?\*{0,2}(\w+)\s*(?:\([^)]*\))?\s*:")


def _contexts(node: ast.FunctionDef | ast.AsyncFunctionDef, owner: str, lines: list[str]) -> dict[int, _Context]:
    first = node.body[0] if node.body else None
    if not (
        isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str)
    ):
        return {}
    found, section, param = {}, "", ""
    for n in range(first.lineno, (first.end_lineno or first.lineno) + 1):
        text = lines[n - 1] if n <= len(lines) else ""
        if heading := _SECTION.match(text):
            section, param = heading.group(1).lower().rstrip("s").replace("argument", "arg"), ""
        elif (entry := _ENTRY.match(text)) and (section in {"arg", "parameter", "param"} or ":param" in text):
            param = entry.group(1)
        found[n] = _Context(owner, param if section != "raise" else "", "raises" if section == "raise" else section)
    return found


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<title>.+?)\s*#*\s*$")
_RST_UNDERLINE = re.compile(r"^\s*([=\-~^\"'`#*+])\1{2,}\s*$")
_DIRECTIVE = re.compile(
    r"^\s*\.\.\s+(?:py:)?(?:auto)?(?:function|method|class|exception|decorator|attribute)::\s*(?P<title>\S.*)$"
)
_TITLE_NAME = re.compile(r"^`*~?(?P<name>[A-Za-z_][\w.]*)`*\s*(?:\(.*\))?`*\s*(?:->.*)?$")


def _title_name(title: str, directive: bool = False) -> str:
    """The API name a section title is, or "" for a title in words: a directive's object, else a title spelled as
    code — a call (``parse(text)``), a code span (```parse```) or a dotted name (``pkg.parse``); a bare word
    ("Installation") is prose."""
    title = title.strip()
    match = _TITLE_NAME.match(title)
    if match is None:
        return ""
    name = match.group("name")
    return name if directive or "(" in title or "`" in title or "." in name.strip(".") else ""


def _section_contexts(text: str) -> dict[int, _Context]:
    """Line number → context, for the lines of a docs file under a section that documents one API item."""
    lines = text.splitlines()
    found: dict[int, _Context] = {}
    owner = ""
    for n, line in enumerate(lines, 1):
        underlined = (
            n < len(lines) and _RST_UNDERLINE.match(lines[n]) and line.strip() and not _RST_UNDERLINE.match(line)
        )
        if directive := _DIRECTIVE.match(line):
            owner = _title_name(directive.group("title"), directive=True)
        elif heading := _MD_HEADING.match(line):
            owner = _title_name(heading.group("title"))
        elif underlined:
            owner = _title_name(line)
        elif owner:
            found[n] = _Context(owner)
    return found


def claims_in(view: DiffView, docs: list[str]) -> list[Claim]:
    """The claims the patch's added lines make: in the docs files ``docs`` and in the docstrings of its Python files."""
    found: list[Claim] = []
    for changed in view.files:
        after = view.after.get(changed.path) or ""
        if changed.path.endswith(".py"):
            contexts = _docstring_contexts(after)
            for n, text in changed.added:
                if n in contexts:
                    found += _line_claims(changed.path, n, text, contexts[n], changelog=False)
        elif changed.path in docs:
            changelog = is_changelog(changed.path)
            sections = {} if changelog else _section_contexts(after)
            found += [
                c
                for n, text in changed.added
                for c in _line_claims(changed.path, n, text, sections.get(n, _Context()), changelog)
            ]
    return found
