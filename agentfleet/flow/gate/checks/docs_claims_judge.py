"""The claims a docs patch adds (``docs_claims.py``) compared with the code at the patch's commit (``code_facts.py``).

- a claim the code contradicts is a lie whatever the phase: the patch is refused (``docs_claims``): a function said to
  return ``None`` that answers a value on every path, a default that is not the one written, a call shown with a
  keyword the function does not take, a name said to be removed that the code still defines, an exception said to be
  raised that nothing it runs raises (when every call it makes was followed; exceptions Python raises itself aside),
  one said not to be raised that a ``raise`` it reaches names;
- a claim the code cannot settle (a call the index cannot follow, a deprecation the code does not signal, a version)
  is about behaviour: a human reads it (not low-risk at phase 4);
- a claimed change (``no longer …``, ``… was removed``, a changelog entry: fixed, added, removed…) must name something
  the work item's drift or the commits in its range touched; one that does not waits for a human.

For each claim about a name that several functions share, it is a lie only when it is false of every one of them.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable

from agentfleet.contracts import Check
from agentfleet.flow.gate.checks import FOR_A_READER
from agentfleet.flow.gate.checks.code_facts import BUILTIN_ERRORS, CodeFacts, Function
from agentfleet.flow.gate.checks.docs_claims import Claim, claims_in
from agentfleet.flow.gate.diffview import DiffView

__all__ = ["claims_check", "judge_claims"]

_TRUE, _FALSE, _UNKNOWN = "true", "false", "unknown"


def _literal(text: str) -> object:
    text = text.strip().rstrip(".,;:")
    lowered = {"none": "None", "true": "True", "false": "False"}.get(text.lower(), text)
    try:
        return ast.literal_eval(lowered)
    except (SyntaxError, ValueError):
        return _UNKNOWN


def _raises(facts: CodeFacts, exc: str, said: bool) -> Callable[[Function], str]:
    """Judge "raises ``exc``" (``said``) or "does not raise ``exc``": true or false when a ``raise`` the function
    reaches names it, or when every call it makes was followed and none does (Python's own exceptions aside)."""

    def judge(function: Function) -> str:
        names, complete = facts.raises(function)
        if any(facts.is_a(n, exc) for n in names):
            return _TRUE if said else _FALSE
        if complete and exc not in BUILTIN_ERRORS:
            return _FALSE if said else _TRUE
        return _UNKNOWN

    return judge


def _returns_none(facts: CodeFacts) -> Callable[[Function], str]:
    def judge(function: Function) -> str:
        answer = facts.may_return_none(function)
        return _UNKNOWN if answer is None else _TRUE if answer else _FALSE

    return judge


def _default(param: str, value: str) -> Callable[[Function], str]:
    wanted = _literal(value)

    def judge(function: Function) -> str:
        if param not in function.params:
            return _UNKNOWN if function.takes_any_keyword else _FALSE
        written = function.params[param]
        if written is None:
            return _FALSE
        have = _literal(written)
        if wanted == _UNKNOWN or written == value:
            return _TRUE  # a value that is no literal ("30s") is prose; a default spelled as the code spells it holds
        if have == _UNKNOWN:
            return _UNKNOWN
        return _TRUE if have == wanted and type(have) is type(wanted) else _FALSE

    return judge


def _keywords(keywords: list[str]) -> Callable[[Function], str]:
    def judge(function: Function) -> str:
        return _TRUE if function.takes_any_keyword or set(keywords) <= set(function.params) else _FALSE

    return judge


def _verdict(functions: list[Function], judge: Callable[[Function], str]) -> str:
    answers = {judge(f) for f in functions}
    return _TRUE if _TRUE in answers else _FALSE if answers == {_FALSE} else _UNKNOWN


def _about(claim: Claim, facts: CodeFacts) -> list[Function]:
    """The functions the claim names, else those of the docstring or section it sits in (a call shown names its own
    function: ``func(**a)`` in ``doublestarmap``'s docstring is about ``func``)."""
    named = [f for name in claim.subjects for f in facts.find(name)]
    return named or (facts.find(claim.owner) if claim.owner and claim.kind != "keyword" else [])


def _settled(claim: Claim, facts: CodeFacts) -> tuple[str, str]:
    """(true/false/unknown, what the claim says) for one claim about functions."""
    functions = _about(claim, facts)
    if claim.kind == "removed":
        gone = claim.detail
        alive = any(gone in f.params for f in functions) or facts.is_defined(gone)
        return (_FALSE if alive else _TRUE), f"says `{gone}` was removed"
    if claim.kind == "change":
        return _TRUE, ""
    if claim.kind == "default":
        return _settled_default(claim, facts, functions)
    if not functions:
        return _TRUE, ""
    subject = next((n for n in claim.subjects if facts.find(n)), claim.owner or claim.subjects[0])
    judges: dict[str, tuple[Callable[[Function], str], str]] = {
        "raises": (_raises(facts, claim.detail, True), f"says `{subject}` raises {claim.detail}"),
        "does_not_raise": (_raises(facts, claim.detail, False), f"says `{subject}` does not raise {claim.detail}"),
        "returns_none": (_returns_none(facts), f"says `{subject}` returns None"),
        "default": (
            _default(claim.detail, claim.value),
            f"says `{claim.detail}` of `{subject}` defaults to {claim.value}",
        ),
        "keyword": (_keywords(claim.detail.split(",")), f"shows `{subject}` called with {claim.detail}"),
    }
    if claim.kind in judges:
        judge, says = judges[claim.kind]
        return _verdict(functions, judge), says
    if claim.kind == "deprecated":
        return (
            _TRUE if any(facts.warns_deprecation(f) for f in functions) else _UNKNOWN
        ), f"says `{subject}` is deprecated"
    return _UNKNOWN, f"states when `{subject}` was added or changed"


def _settled_default(claim: Claim, facts: CodeFacts, functions: list[Function]) -> tuple[str, str]:
    """A default: the parameter is the last name the line gave that a named function has, or else that names no
    function; the functions are those named that are not it, or else every function with such a parameter."""
    names = claim.detail.split(",")
    param = next((n for n in reversed(names) if any(n in f.params for f in functions)), None)
    param = param or next((n for n in reversed(names) if not facts.find(n)), None)
    if param is None:
        return _TRUE, ""
    named = [f for f in functions if f.node.name != param]
    candidates = named or [f for f in facts.all_functions() if param in f.params]
    if not candidates:
        return _TRUE, ""
    subject = named[0].qualname.rpartition(".")[2] if named else "its function"
    return _verdict(
        candidates, _default(param, claim.value)
    ), f"says `{param}` of `{subject}` defaults to {claim.value}"


def _short(names: Iterable[str]) -> set[str]:
    return {part for name in names for part in name.removesuffix("()").split(".") if part}


def judge_claims(claims: list[Claim], facts: CodeFacts, touched: set[str]) -> tuple[list[str], list[str]]:
    """(lies, for a reader): the claims the code contradicts, and those a human must read — behaviour the code cannot
    settle, a change claimed of nothing the drift or its range's commits touched (``touched``: names)."""
    lies: list[str] = []
    reader: list[str] = []
    for claim in claims:
        if claim.kind != "changelog":
            verdict, says = _settled(claim, facts)
            if verdict == _FALSE:
                lies.append(f"{claim.where}: {says}, which the code at the patch's commit contradicts")
                continue
            if verdict == _UNKNOWN:
                reader.append(f"{claim.where}: {says}, which the code does not settle")
        named = _short([*claim.subjects, claim.detail] if claim.kind == "removed" else claim.subjects)
        if claim.change and not named & touched:
            what = ", ".join(f"`{n}`" for n in sorted(named)) or "no API item"
            reader.append(
                f"{claim.where}: claims a change naming {what}, which neither the drift nor its commits touch"
            )
    return lies, sorted(set(reader))


def claims_check(view: DiffView, docs: list[str], facts: CodeFacts, touched: set[str]) -> Check:
    """``docs_claims``: fails on a claim the code contradicts; the claims a human must read are evidence lines that
    keep the patch from auto-merge (``FOR_A_READER``)."""
    claims = claims_in(view, docs)
    lies, reader = judge_claims(claims, facts, touched)
    lines = [f"{len(lies)} of {len(claims)} claim(s) about the API contradicted by the code", *lies[:20]]
    lines += [FOR_A_READER + line for line in reader[:20]]
    return Check(name="docs_claims", passed=not lies, evidence="\n".join(lines))
