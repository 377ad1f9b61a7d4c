"""Checks on the patch as text, before any sandbox: readable changes, size limits, secrets.

All of them read the texts git produced when applying the patch (``patchset``), so a hunk the diff
parser and git would read differently changes nothing here.
"""

from __future__ import annotations

import ast
import base64
import binascii
import re

from detect_secrets.core.scan import scan_line
from detect_secrets.settings import default_settings

from agentfleet.contracts import Check
from agentfleet.flow.gate.config import GateConfig
from agentfleet.flow.gate.diffview import DiffView

__all__ = ["diff_limits", "hidden_text", "no_secrets", "readable"]

_NOISY = ("High Entropy",)
"""detect-secrets plugins too noisy for code review (hashes and fixtures trip them)."""


_HIDDEN = re.compile(
    "[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\x00\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u2028\u2029\u3164\uffa0\U000e0000-\U000e007f\U000e0100-\U000e01ef]|\r(?!\n)"
)
"""Characters that make text read differently to a reviewer than to git or Python: bidirectional controls
(Trojan Source), zero-width and other invisible characters (soft hyphen, fillers that Python accepts in names,
line and paragraph separators), Unicode tag characters and supplementary variation selectors (each can carry an
invisible copy of ASCII text: instructions only a machine reads), NUL, and a carriage return that is not part
of a line ending (a diff viewer shows the line as one, Python as two)."""


def hidden_text(before: dict[str, str | None], after: dict[str, str | None]) -> list[str]:
    """The files where the patch adds characters a reviewer cannot see (``_HIDDEN``)."""
    found = []
    for path, text in sorted(after.items()):
        added = len(_HIDDEN.findall(text or "")) - len(_HIDDEN.findall(before.get(path) or ""))
        if added > 0:
            found.append(f"{path}: {added} invisible or direction-changing character(s) or lone carriage return(s)")
    return found


def readable(unreadable: list[str]) -> Check:
    """Every change is a text change of a regular file the gate can review (no binary hunk, symlink,
    submodule, mode change or oversized file)."""
    evidence = "; ".join(unreadable) or "every change is text in a regular file"
    return Check(name="readable", passed=not unreadable, evidence=evidence)


def diff_limits(view: DiffView, conf: GateConfig) -> Check:
    """At most ``max_files`` files and ``max_lines`` added plus removed lines."""
    files, lines = len(view.paths), view.changed_lines
    problems = []
    if files > conf.max_files:
        problems.append(f"{files} files > max_files={conf.max_files}")
    if lines > conf.max_lines:
        problems.append(f"{lines} changed lines > max_lines={conf.max_lines}")
    evidence = (
        "; ".join(problems) or f"{files} file(s), {lines} changed line(s) (limits {conf.max_files}/{conf.max_lines})"
    )
    return Check(name="diff_limits", passed=not problems, evidence=evidence)


_SETTING = re.compile(r"""^\s*["']?([\w.-]+)["']?\s*[:=]\s*([^\s"'#]{8,})\s*$""")
_ENCODED = re.compile(r"[A-Za-z0-9+/_-]{16,}={0,2}")
_PRINTABLE = re.compile(r"[\x20-\x7e]+")


def _decoded(token: str) -> list[str]:
    """``token`` read as base64 (either alphabet) and as hex, where that gives printable text."""
    found = []
    for decode in (base64.b64decode, base64.urlsafe_b64decode, bytes.fromhex):
        try:
            raw = decode(token + "=" * (-len(token) % 4) if decode is not bytes.fromhex else token)  # type: ignore[operator]
        except (ValueError, binascii.Error):
            continue
        text = raw.decode("ascii", errors="replace")
        if _PRINTABLE.fullmatch(text):
            found.append(text)
    return found


def _joined(text: str | None) -> dict[int, list[str]]:
    """Line → the strings a Python file builds there from literal pieces (``"AKIA" + "..."``, or adjacent
    literals on several lines, which every line of the string sees)."""
    try:
        tree = ast.parse(text or "")
    except (SyntaxError, RecursionError, MemoryError):  # not Python the gate can read: ``readable`` says so
        return {}
    found: dict[int, list[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.end_lineno != node.lineno:
            for lineno in range(node.lineno, (node.end_lineno or node.lineno) + 1):  # pieces on several lines
                found.setdefault(lineno, []).append(node.value)
        if not isinstance(node, ast.BinOp | ast.JoinedStr):
            continue
        try:
            value = _concatenated(node)
        except RecursionError:  # a chain too deep to fold: its lines are still scanned as written
            continue
        if value:
            found.setdefault(node.lineno, []).append(value)
    return found


def _concatenated(node: ast.AST) -> str:
    """The literal text pieces ``node`` joins with ``+`` or in an f-string ("" where none)."""
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, str) else ""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _concatenated(node.left) + _concatenated(node.right)
    if isinstance(node, ast.JoinedStr):
        return "".join(_concatenated(value) for value in node.values)
    return ""


def _readings(line: str, joined: list[str], settings: bool) -> list[str]:
    """The line, and what it may hide: the strings it joins, its tokens decoded from base64 or hex, and in
    a settings file (``settings``: not Python) a ``key: value`` setting written as an assignment."""
    readings = [line, *joined]
    if settings and (match := _SETTING.match(line)):
        readings.append(f'{match.group(1)} = "{match.group(2)}"')
    for text in [line, *joined]:
        readings += decoded_tokens(text)
    return readings


def decoded_tokens(text: str) -> list[str]:
    """The printable texts ``text``'s base64 or hex tokens decode to (what an encoded line hides)."""
    return [decoded for token in _ENCODED.findall(text) for decoded in _decoded(token) if decoded]


def _secret_kinds(readings: list[str]) -> list[str]:
    return sorted({s.type for text in readings for s in scan_line(text) if not any(n in s.type for n in _NOISY)})


def no_secrets(view: DiffView) -> Check:
    """No added line that detect-secrets recognises as a credential — read as written, as the strings it
    joins, as a ``key: value`` setting, and with its base64 or hex tokens decoded."""
    hits = []
    with default_settings():
        for change in view.files:
            python = change.path.endswith(".py")
            joined = _joined(view.after.get(change.path)) if python else {}
            for lineno, text in change.added:
                if kinds := _secret_kinds(_readings(text, joined.get(lineno, []), not python)):
                    hits.append(f"{change.path}:{lineno}: {', '.join(kinds)}")
    return Check(name="no_secrets", passed=not hits, evidence="; ".join(hits) or "no secret in added lines")
