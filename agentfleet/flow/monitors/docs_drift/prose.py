"""Check 2a, prose: inline code, roles and autodoc directives that name removed, renamed or moved symbols;
parameters renamed or removed, in paragraphs about their function; command-line options that changed name.

Inline code that parses as Python goes through the example check (so ``fetch(url, timeout=3)`` in a sentence
is bound against the signature too). Plain words count only when they are distinctive identifiers, and a
paragraph that already talks about the change (deprecated, renamed, removed, formerly) is history, not drift.
"""

from __future__ import annotations

import re

from agentfleet.contracts import ApiChange, DocsInconsistency
from agentfleet.flow.monitors.docs_drift.docfiles import Block, DocFile, Paragraph
from agentfleet.flow.monitors.docs_drift.examples import check_examples
from agentfleet.flow.monitors.docs_drift.issues import Edit, Issue, line_of
from agentfleet.flow.monitors.docs_drift.names import distinctive, stale_names
from agentfleet.flow.monitors.docs_drift.surface import Surface

__all__ = ["check_options", "check_prose"]

_SPAN = re.compile(r"(?P<role>:(?:[\w-]+:)?[\w-]+:)?(?P<ticks>`+)(?P<code>[^`]+?)(?P=ticks)(?!`)")
_DIRECTIVE = re.compile(r"^(?:[ \t]*:::[ \t]*|[ \t]*\.\.[ \t]+auto\w+::[ \t]*)(?P<code>[\w.]+)", re.MULTILINE)
_WORD = re.compile(r"(?<![\w.`/-])(?P<code>[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*)(?![\w`/-])")
_HISTORY = re.compile(r"(?i)\b(deprecat\w*|renamed|removed|formerly|previously|replaced|no longer|used to|migrat\w*)\b")


def _span_block(code: str, start: int, role: bool) -> Block:
    """An inline code span as a one-line block (a role's target ``~pkg.f`` / ``text <pkg.f>`` reduced to ``pkg.f``)."""
    if role:
        inner = re.search(r"<([^>]+)>", code)
        if inner:
            start += inner.start(1)
            code = inner.group(1)
        stripped = code.lstrip("~!.")
        start += len(code) - len(stripped)
        code = stripped.removesuffix("()")
    return Block(lang="python", info="", code=code + "\n", starts=[start], line=0)


def _issue(
    doc: DocFile, change: ApiChange, at: int, action: str, old: str, new: str, message: str, *edits: Edit
) -> Issue:
    item = DocsInconsistency(
        check="prose",
        symbol=change.symbol,
        file=doc.path,
        line=line_of(doc.text, at),
        old=old,
        new=new,
        action=action,
        message=message,  # type: ignore[arg-type]
    )
    return Issue(item=item, edits=edits)


def _plain_words(
    doc: DocFile, para: Paragraph, changes: list[ApiChange], head: Surface, spans: list[range]
) -> list[Issue]:
    issues = []
    stale = stale_names(changes)
    for match in _WORD.finditer(para.text):
        word = match["code"]
        if any(match.start() in span for span in spans) or not (distinctive(word.rpartition(".")[2]) or "." in word):
            continue
        for entry in stale:
            if not entry.named_by(word, head, code=False):
                continue
            at = para.start + match.start()
            new = entry.replacement(word)
            edits = [Edit(doc.path, at, at + len(word), new)] if new else []
            issues.append(
                _issue(
                    doc,
                    entry.change,
                    at,
                    "reference" if new else "review",
                    word,
                    new or "",
                    f"the docs name `{word}`, " + (f"now `{new}`" if new else "which was removed"),
                    *edits,
                )
            )
            break
    return issues


def _params(doc: DocFile, para: Paragraph, changes: list[ApiChange], spans: list[re.Match[str]]) -> list[Issue]:
    """Renamed or removed parameters named in code in a paragraph that names their function."""
    issues = []
    for change in changes:
        names = {change.symbol.rpartition(".")[2], (change.old_symbol or "").rpartition(".")[2]} - {""}
        if not any(re.search(rf"(?<![\w]){re.escape(n)}(?![\w])", para.text) for n in names):
            continue
        for pc in change.params:
            if pc.change not in {"renamed", "removed"}:
                continue
            old = pc.old_name if pc.change == "renamed" else pc.name
            for span in spans:
                if span["code"].strip().rstrip("=") != old:
                    continue
                at = para.start + span.start("code")
                if pc.change == "renamed":
                    issues.append(
                        _issue(
                            doc,
                            change,
                            at,
                            "rename",
                            old or "",
                            pc.name,
                            f"the docs name parameter `{old}`, renamed to `{pc.name}`",
                            Edit(doc.path, at, at + len(old or ""), pc.name),
                        )
                    )
                else:
                    issues.append(
                        _issue(
                            doc,
                            change,
                            at,
                            "review",
                            old or "",
                            "",
                            f"the docs describe parameter `{old}`, which `{change.symbol}` no longer takes",
                        )
                    )
    return issues


def check_prose(doc: DocFile, changes: list[ApiChange], head: Surface) -> list[Issue]:
    """Inconsistencies in ``doc``'s prose paragraphs (not its code blocks)."""
    issues: list[Issue] = []
    for para in doc.paragraphs:
        if _HISTORY.search(para.text):
            continue
        spans = list(_SPAN.finditer(para.text))
        blocks = [_span_block(m["code"], para.start + m.start("code"), bool(m["role"])) for m in spans]
        blocks += [_span_block(m["code"], para.start + m.start("code"), False) for m in _DIRECTIVE.finditer(para.text)]
        found, _ = check_examples(doc, changes, head, blocks=blocks, check="prose")
        issues += found
        issues += _params(doc, para, [c for c in changes if c.params], spans)
        issues += _plain_words(doc, para, changes, head, [range(m.start(), m.end()) for m in spans])
    return issues


def check_options(doc: DocFile, changes: list[ApiChange]) -> list[Issue]:
    """Mentions of command-line options that were removed or renamed, anywhere in ``doc``."""
    issues = []
    for change in (c for c in changes if c.kind == "option" and c.change in {"removed", "renamed"}):
        old = (change.old_symbol or change.symbol).removeprefix("cli:")
        new = change.symbol.removeprefix("cli:") if change.change == "renamed" else None
        for match in re.finditer(rf"(?<![\w-]){re.escape(old)}(?![\w-])", doc.text):
            line = doc.text[
                doc.text.rfind("\n", 0, match.start()) + 1 : doc.text.find("\n", match.end()) % (len(doc.text) + 1)
            ]
            if _HISTORY.search(line) or (new and new in line):
                continue
            edits = [Edit(doc.path, match.start(), match.end(), new)] if new else []
            issues.append(
                _issue(
                    doc,
                    change,
                    match.start(),
                    "reference" if new else "review",
                    old,
                    new or "",
                    f"the docs use option `{old}`, " + (f"now `{new}`" if new else "which was removed"),
                    *edits,
                )
            )
    return issues
