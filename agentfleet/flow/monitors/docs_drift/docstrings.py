"""Check 1, docstrings against signatures: parameters documented but gone or renamed, new ones undocumented,
stated defaults that the change made wrong, return and raises entries (Google, NumPy, Sphinx; parsed by griffe).

Only what the change made stale is reported: a parameter that was never documented stays the maintainers'
choice, and a docstring in no known style is reported as a problem, never guessed at.
"""

from __future__ import annotations

import re

import griffe

from agentfleet.contracts import ApiChange, ParamChange
from agentfleet.flow.monitors.docs_drift.docdefaults import default_issues, sentinel
from agentfleet.flow.monitors.docs_drift.docstyle import Layout, locate
from agentfleet.flow.monitors.docs_drift.issues import PLACEHOLDER, Edit, Issue, docstring_issue
from agentfleet.flow.monitors.docs_drift.surface import Symbol

__all__ = ["check_docstring", "documenting_object"]

_OPTS = {"warnings": False}


def _returns(signature: str) -> str | None:
    head, arrow, tail = signature.rpartition(") -> ")
    return tail.strip() if arrow else None


def documenting_object(symbol: Symbol) -> griffe.Object | None:
    """The object whose docstring documents ``symbol``'s parameters (a class's, else its ``__init__``'s)."""
    obj = symbol.obj
    if symbol.kind != "class":
        return obj if obj.docstring else None
    if obj.docstring and re.search(r"(?im)^\s*(parameters|args|arguments)\s*:?\s*$|:param\s", obj.docstring.value):
        return obj
    try:
        init = obj.all_members.get("__init__")
        target = init.final_target if isinstance(init, griffe.Alias) else init
    except (griffe.AliasResolutionError, griffe.CyclicAliasError):
        target = None  # a base class outside the package: its __init__ cannot be read
    if isinstance(target, griffe.Object) and target.docstring:
        return target
    return obj if obj.docstring else None


def _inherits_init(symbol: Symbol) -> bool:
    """A class whose ``__init__`` comes from a base class in the package (marshmallow's ``Dict(Mapping)``)."""
    obj = symbol.obj
    if symbol.kind != "class" or "__init__" in obj.members:
        return False
    try:
        return "__init__" in obj.all_members  # type: ignore[attr-defined]
    except (griffe.AliasResolutionError, griffe.CyclicAliasError):
        return False  # a base outside the package: nothing known about its __init__


def _style(docstring: griffe.Docstring, configured: str) -> str | None:
    if configured != "auto":
        return configured
    parser, _ = griffe.infer_docstring_style(docstring)
    return parser.value if parser is not None else None


def _new_entry(layout: Layout, text: str, param: ParamChange) -> str:
    """A parameter entry in the docstring's own style, with a placeholder for what only a human can write."""
    name, indent = param.name, layout.indent
    sentence = f"{PLACEHOLDER} describe `{name}`."
    default = f" Defaults to `{param.default}`." if param.default is not None else ""
    params = [e for e in layout.entries if e.role == "param"]
    typed = any(re.match(rf"\s*\**{re.escape(e.name)}\s*\(", text[e.start : e.end]) for e in params)
    if layout.style == "numpy":
        kind = ", ".join(x for x in (param.annotation, f"default {param.default}" if param.default else None) if x)
        return f"{indent}{name}{' : ' + kind if kind else ''}\n{indent}    {sentence}\n"
    if layout.style == "sphinx":
        types = any(e.role == "type" for e in layout.entries) and param.annotation
        return f"{indent}:param {name}: {sentence}{default}\n" + (
            f"{indent}:type {name}: {param.annotation}\n" if types else ""
        )
    kind = f" ({param.annotation})" if typed and param.annotation else ""
    return f"{indent}{name}{kind}: {sentence}{default}\n"


def _param_issues(change: ApiChange, symbol: Symbol, text: str, layout: Layout, documented: set[str]) -> list[Issue]:
    file, issues = symbol.file, []
    present = {p.name for p in symbol.params}
    unasked = {p.name for p in symbol.params if p.kind in {"variadic positional", "variadic keyword"}}
    if _inherits_init(symbol):
        unasked |= present  # its parameters are documented with the base's __init__, not asked for here
    swallowed = any(p.kind == "variadic keyword" for p in symbol.params)
    for param in change.params:
        entries = layout.find("param", param.old_name or param.name) + layout.find("type", param.old_name or param.name)
        if param.change == "renamed" and param.old_name in documented and param.name not in documented and entries:
            edits = tuple(Edit(file, e.name_start, e.name_end, param.name) for e in entries)
            issues.append(
                docstring_issue(
                    change,
                    file,
                    text,
                    entries[0].start,
                    "rename",
                    param.old_name or "",
                    param.name,
                    f"docstring documents `{param.old_name}`, renamed to `{param.name}`",
                    edits,
                )
            )
        elif param.change == "removed" and param.name in documented and param.name not in present and not swallowed:
            whole = not any(e.last_line for e in entries) and len({e.start for e in entries}) == len(entries)
            edits = tuple(Edit(file, e.start, e.end, "") for e in entries) if whole and entries else ()
            at = entries[0].start if entries else 0
            issues.append(
                docstring_issue(
                    change,
                    file,
                    text,
                    at,
                    "remove" if edits else "review",
                    param.name,
                    "",
                    f"docstring documents `{param.name}`, which `{symbol.name}` no longer takes",
                    edits,
                )
            )
        elif (
            param.change == "added"
            and param.name not in documented | unasked
            and documented
            and layout.insert_at is not None
        ):
            entry = _new_entry(layout, text, param)
            issues.append(
                docstring_issue(
                    change,
                    file,
                    text,
                    layout.insert_at,
                    "add",
                    "",
                    entry.strip(),
                    f"new parameter `{param.name}` is not documented",
                    (Edit(file, layout.insert_at, layout.insert_at, entry),),
                )
            )
        elif param.change == "default" and param.old_default is not None and not sentinel(symbol, param):
            issues += default_issues(change, symbol, text, layout.find("param", param.name), param)
    return issues


def _return_issues(change: ApiChange, symbol: Symbol, text: str, layout: Layout) -> list[Issue]:
    old, new = _returns(change.old), _returns(change.new)
    returns = [e for e in layout.entries if e.role == "returns"]
    if not returns or old == new or old in (None, "None"):
        return []
    if new == "None":
        return [
            docstring_issue(
                change,
                symbol.file,
                text,
                returns[0].start,
                "review",
                old or "",
                "None",
                f"docstring documents a return value; `{symbol.name}` now returns None",
            )
        ]
    head = text[returns[0].start : returns[0].end].split(":", 1)
    if len(head) == 2 and head[0].strip() == old:
        at = returns[0].start + len(head[0]) - len(head[0].lstrip())
        return [
            docstring_issue(
                change,
                symbol.file,
                text,
                at,
                "retype",
                old,
                new or "",
                f"docstring says `{symbol.name}` returns {old}, now {new}",
                (Edit(symbol.file, at, at + len(old), new or ""),),
            )
        ]
    return []


def _raise_issues(change: ApiChange, symbol: Symbol, text: str, layout: Layout) -> list[Issue]:
    issues = []
    raises = [e for e in layout.entries if e.role == "raises"]
    for name in change.raises_removed:
        for entry in (e for e in raises if e.name == name.rpartition(".")[2]):
            issues.append(
                docstring_issue(
                    change,
                    symbol.file,
                    text,
                    entry.start,
                    "review",
                    name,
                    "",
                    f"docstring says `{symbol.name}` raises {name}; the code no longer raises it",
                )
            )
    for name in change.raises_added:
        if raises and not any(e.name == name.rpartition(".")[2] for e in raises):
            issues.append(
                docstring_issue(
                    change,
                    symbol.file,
                    text,
                    raises[-1].start,
                    "review",
                    "",
                    name,
                    f"`{symbol.name}` now raises {name}, which its Raises section does not list",
                )
            )
    return issues


def check_docstring(change: ApiChange, symbol: Symbol, text: str, style: str) -> tuple[list[Issue], list[str]]:
    """Inconsistencies between ``symbol``'s docstring (in its file's ``text``) and its signature now, and
    problems (a docstring in no known style)."""
    obj = documenting_object(symbol)
    if obj is None or obj.docstring is None or not obj.docstring.lineno or obj.filepath != symbol.obj.filepath:
        return [], []  # no docstring, or one inherited from another file (its own symbol is checked there)
    docstring = obj.docstring
    detected = _style(docstring, style)
    names = {p.name for p in symbol.params} | {p.old_name or "" for p in change.params}
    if detected is None:
        if any(re.search(rf"(?m)^\s*\**{re.escape(n)}\b\s*(\(.*\))?\s*[:-]", docstring.value) for n in names if n):
            return [], [
                f"{symbol.file}: docstring of {symbol.path} is in no known style (google, numpy, sphinx): "
                "its parameters were not checked"
            ]
        return [], []
    sections = griffe.parse(docstring, detected, **_OPTS)  # type: ignore[arg-type]
    documented = {
        p.name.lstrip("*")
        for s in sections
        if s.kind in {griffe.DocstringSectionKind.parameters, griffe.DocstringSectionKind.other_parameters}
        for p in s.value
    }
    first = docstring.lineno or 1
    layout = locate(text, first, docstring.endlineno or first, detected)
    issues = _param_issues(change, symbol, text, layout, documented)
    issues += _return_issues(change, symbol, text, layout) + _raise_issues(change, symbol, text, layout)
    return issues, []
