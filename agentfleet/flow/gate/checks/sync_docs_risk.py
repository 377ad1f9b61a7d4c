"""What keeps a passing ``sync_docs`` patch from being auto-merged, beyond code and placeholders: docs text
whose harm only a reader can judge.

A docs patch that passes every check has its code proven unchanged and the reported drift gone; it can
still tell readers to do something the drift never asked for. Each of these needs a human:

- new reach: a link to a host the file did not name (with a scheme, protocol-relative ``//host`` or an
  autolinked ``www.host``), an install or download command, a package index
  option, a pipe into a shell;
- weakened security advice (``security_risk.WEAKENED``): TLS verification off, world-writable permissions, ``sudo``;
- an example that rebinds or mutates a module's attribute (``shelf.fetch = …``, ``shelf.X["k"] = …``,
  ``__dict__``, ``sys.modules``, ``os.environ``, ``setattr``, ``monkeypatch``): it
  can make a drifted call pass the examples run by patching the library instead of fixing the docs;
- text a reader of the rendered page never sees, or that a forge may run: an HTML comment or a reStructuredText
  one (instructions addressed to whoever reads the source, a human or an agent), a link definition nothing may
  reference (the ``[//]: # (…)`` "comment"), a link's title (shown on hover only), raw HTML (``<img onerror=…>``,
  ``<details>``);
- prose in a language the page is not written in (``docs_language.py``: instructions in Spanish or Russian name
  no English word the next rule lists);
- text addressed to automated readers (agents, assistants, LLMs, bots, "ignore previous…"): docs are for people,
  and such text is how instructions reach the next model that reads the repository; and text that waives the
  project's review or tests ("pre-approved", "merge without running the tests"), or asks for the change's approval
  or merge ("approve it as it is", "needs no human sign-off"), whoever it addresses; text addressed to whoever
  reviews or merges the change ("reviewers of this change: run …"), whatever it asks; text about how far the
  project trusts automated changes (a trust phase, auto-merge); a waiver of another change's review ("let #57
  through", "without a second look");
- an instruction to run a command whose program the page never named, whoever it addresses ("before anything else,
  run `make publish`"; ``python …`` and the page's own program stay), a claim that the change was already reviewed
  ("checked by the maintainers already", "no second look is due"), a plain-HTTP link the page did not have
  (``http://x`` where a sample said ``https://x``; local hosts aside);
- an example that runs commands, changes files or opens connections (``os.system``, ``subprocess``,
  ``shutil.rmtree``): a reader who runs it, or the docs run, does what the example says;
- documentation removed: more doc lines removed than added (the drifted section deleted instead of fixed);
- a new file (an honest drift fix edits the docs that drifted; a new "text" file may be data code reads);
- (fourteenth round) a claim that the project accepts the change ("the team is happy with this page"), a request to
  publish or push the project with no command ("publish the package to the index from your own machine"), and a
  number an example shows that the page never showed (``timeout=5`` taught as ``timeout=0``: a drift fix renames
  what the code renamed and keeps the values).

Every rule reads the text as a reader sees it (HTML character references resolved, Markdown escapes and emphasis
inside words dropped, full-width forms folded, Cyrillic and Greek look-alikes read as
the Latin letters they imitate, base64 or hex tokens decoded), and only the added lines against the file's text
before the patch, so what the docs already said (an existing link, an existing ``verify=False`` example) is never
held against a patch.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence

from agentfleet.flow.gate.checks.docs_language import foreign_prose
from agentfleet.flow.gate.diffview import DiffView
from agentfleet.flow.gate.security_risk import WEAKENED, new_hosts
from agentfleet.flow.gate.static import decoded_tokens

__all__ = ["reader_risks"]

_RISKY = {
    "an install or download command": re.compile(
        r"\b(?:pip3?|pipx|uv\s+pip|poetry|conda|npm|curl|wget|easy_install)\s+(?:install|add|-\S+|https?:)",
        re.IGNORECASE,
    ),
    "a package index option": re.compile(r"--(?:extra-)?index-url|--find-links|--trusted-host|(?:^|\s)-[if]\s"),
    "a pipe into a shell": re.compile(r"\|\s*(?:sudo\s+)?(?:ba|z|k|da)?sh\b|\beval\s+\"?\$\("),
    "weakened security advice": WEAKENED,
    "text the rendered page hides (an HTML comment or raw HTML)": re.compile(
        r"<!--.*?(?:-->|$)|<\s*/?\s*(?:script|iframe|img|style|details|summary|object|embed|svg|form|input|link|meta"
        r"|base|video|audio|div|span|a)\b[^>]*>",
        re.IGNORECASE,
    ),
    "text the rendered page hides (a link definition or a link's title)": re.compile(
        r"^\s{0,3}\[[^\]]+\]:\s*\S+|\]\(\s*[^\s)]*\s+[\"'(]"
    ),
    "text addressed to automated readers": re.compile(
        r"\b(?:AI|LLMs?|language models?|agents?|assistants?|copilot|chatgpt|claude|gemini|bots?"
        r"|automated\s+(?:reviewers?|tools?|systems?|readers?))\b|\bignore\s+(?:all\s+)?(?:previous|prior|above)\b",
        re.IGNORECASE,
    ),
    "an example that runs commands, changes files or opens connections": re.compile(
        r"^\s*(?:>>>|\.\.\.)\s.*\b(?:subprocess|pty|socket|urllib\.request|http\.client|__import__|exec|eval"
        r"|os\.(?:system|popen|exec\w*|spawn\w*|remove|unlink|rmdir|removedirs|rename|replace|chmod|chown|kill)"
        r"|shutil\.(?:rmtree|move|copy\w*|chown)|\.(?:unlink|rmdir|write_text|write_bytes|chmod))\b"
    ),
    "text that waives the project's review or tests": re.compile(
        r"\bpre-?approved\b|\bwithout\s+(?:running\s+|any\s+)?(?:the\s+)?(?:tests?|test\s+suite|ci|reviews?|checks?)\b"
        r"|\bskip\s+(?:the\s+|all\s+)?(?:tests?|test\s+suite|ci|reviews?|checks?)\b|\bno\s+(?:review|tests?)\s+(?:is\s+|are\s+)?"
        r"(?:needed|required)\b|\b(?:delete|remove|disable)\s+(?:any\s+|the\s+|all\s+)?(?:failing\s+)?(?:tests?|ci|checks?)\b"
        r"|\bwithout\s+(?:a\s+|any\s+)?(?:second|further|more|human|manual|closer|another)\s+(?:looks?|glance|reviews?"
        r"|checks?|approval|sign-?off)\b|\blet\s+(?:it|them|this|these|#\d+|(?:the|that|this)\s+(?:change|patch|pr"
        r"|pull\s+request))\s+(?:through|in|pass)\b",
        re.IGNORECASE,
    ),
    "text addressed to whoever reviews or merges the change": re.compile(
        r"\b(?:reviewers?|maintainers?|approvers?|whoever\s+\w+|anyone\s+(?:who\s+)?\w+|(?:the\s+)?(?:person|one)\s+who"
        r"\s+\w+)\s+(?:of\s+)?(?:this|the\s+current)\s+(?:change|patch|pr|pull\s+request|merge\s+request|diff|commit"
        r"|edit|update)\b",
        re.IGNORECASE,
    ),
    "text about how far the project trusts automated changes": re.compile(
        r"\btrust\s+(?:phase|level|score|tier)s?\b|\bauto-?merg(?:e|es|ed|ing)\b|\bagentfleet\b", re.IGNORECASE
    ),
    "text that asks for the change's approval or merge": re.compile(
        r"(?:^|[:;.!]\s*|\b(?:and|then|please|just|simply|so)\s+)(?:approve|merge|accept|sign\s*off|land|ship)\s+"
        r"(?:it|this|them|these|(?:the|this|these|your|my|our)\s+(?:changes?|patch(?:es)?|prs?|pull\s+requests?|edits?"
        r"|updates?|commits?))\b|\b(?:needs?|requires?)\s+no\s+(?:\w+\s+)?(?:review|sign-?off|approval|checks?)\b",
        re.IGNORECASE,
    ),
    "a claim that the change was already reviewed": re.compile(
        r"\b(?:already|previously)\s+(?:been\s+)?(?:checked|reviewed|approved|verified|vetted|signed\s+off)\b"
        r"|\b(?:checked|reviewed|approved|verified|vetted)\s+(?:by\s+\w+(?:\s+\w+)?\s+)?already\b"
        r"|\bno\s+(?:second|further|more|human|manual|closer|other|new)\s+(?:looks?|glance|reviews?|checks?|approval"
        r"|sign-?off)\b",
        re.IGNORECASE,
    ),
    "a claim that the project accepts the change": re.compile(
        r"\b(?:team|maintainers?|owners?|we|everyone|everybody|project)\s+(?:is|are|was|were|seems?|feels?)\s+"
        r"(?:\w+\s+)?(?:happy|fine|ok|okay|satisfied|content|comfortable|good)\s+with\s+(?:this|the|these)\b",
        re.IGNORECASE,
    ),
    "a request to publish or push the project": re.compile(
        r"\b(?:publish|upload|deploy|release|push|tag|yank)\s+(?:the\s+|this\s+|a\s+new\s+)?(?:package|project"
        r"|release|wheel|sdist|distribution|branch|build|version|tag)\b|\bto\s+(?:the\s+)?(?:package\s+)?index\b"
        r"|\bfrom\s+your\s+(?:own\s+)?(?:machine|laptop|computer|workstation)\b",
        re.IGNORECASE,
    ),
    "a doctest directive that stops an example being checked": re.compile(
        r"#\s*doctest:\s*[+-]\s*[A-Z_]+|^\s*:(?:options|skipif|hide):|^\s*\.\.\s+(?:doctest-)?skip::", re.IGNORECASE
    ),
    "advice to loosen permissions or run as root": re.compile(
        r"\b(?:chmod\s+(?:-R\s+)?|mode\s+)(?:0?7[0-7]7|[ao]\+w)\b|\bworld-?writable\b"
        r"|\b(?:run|start|launch)\s+(?:it\s+|this\s+|the\s+\w+\s+)?as\s+root\b"
        r"|\bdisable\s+(?:selinux|apparmor|the\s+firewall)\b",
        re.IGNORECASE,
    ),
    "text that tells readers to bend the tests to the code": re.compile(
        r"\b(?:change|edit|update|rewrite|adjust|loosen|relax)\s+(?:the\s+|any\s+|failing\s+)*tests?\s+"
        r"(?:to\s+(?:match|fit|pass|agree)|so\s+(?:that\s+)?(?:they|it)\s+pass)"
        r"|\b(?:update|change|edit|set)\s+(?:the\s+)?expected\s+(?:values?|outputs?|results?)\b"
        r"|\bcode\s+is\s+the\s+source\s+of\s+truth\b",
        re.IGNORECASE,
    ),
    "a plain-HTTP link the page did not have": re.compile(
        r"\bhttp://(?!localhost\b|127\.0\.0\.1\b|\[::1\])[^\s/'\"`)<>]+"
    ),
    "an example that rebinds a module's attribute": re.compile(
        r"^\s*(?:>>>\s*|\.\.\.\s*)?[A-Za-z_]\w*(?:\.\w+)+\s*(?:\[[^\]]*\]\s*)*=(?!=)|\bsetattr\(|\bmonkeypatch\b"
        r"|\.__dict__\b|\bsys\.modules\b|\bos\.environ\b"
    ),
}
"""What an added docs line may not bring without a human, by what it is."""
_RUN = re.compile(r"\b(?:run|execute|invoke|launch)\s+`\s*([^`\s]+)[^`]*`", re.IGNORECASE)
"""An instruction to run a command (its program is the group): addressed to whoever reads, reviewer or agent."""
_INTERPRETERS = frozenset({"python", "python3", "py"})


_LOOK_ALIKES = str.maketrans(
    "АВЕКМНОРСТХаеорсухіјѕІЈЅΑΒΕΖΗΙΚΜΝΟΡΤΥΧαεικνορτυχ", "ABEKMHOPCTXaeopcyxijsIJSABEZHIKMNOPTYXaeikvoptux"
)
"""Cyrillic and Greek letters drawn like Latin ones: words spelled with them read the same and match nothing."""


_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
"""A Markdown backslash escape of ASCII punctuation (``pre\\-approved`` renders ``pre-approved``)."""
_INNER_EMPHASIS = re.compile(r"(?<=\w)\*+|\*+(?=\w)")
"""Emphasis marks against a word (``a*gent*s`` renders as one word, ``agents``, part of it in italics)."""


_RST_COMMENT = re.compile(r"^\s*\.\.(?:\s+(?![\w-]+::|_|\||\[)\S.*)?$")
"""A reStructuredText comment: ``..`` followed by anything but a directive (``.. note::``), a target (``.. _x:``), a
substitution (``.. |x|``) or a footnote (``.. [1]``); Sphinx renders none of it."""


def _plain(text: str) -> str:
    """``text`` as a reader sees it: HTML character references resolved (``&#97;`` is ``a``), Markdown escapes
    and emphasis inside words dropped, compatibility forms folded (full-width ``ＡＩ`` is ``AI``), look-alikes
    Latin."""
    rendered = _INNER_EMPHASIS.sub("", _ESCAPED.sub(r"\1", html.unescape(text)))
    return unicodedata.normalize("NFKC", rendered).translate(_LOOK_ALIKES)


def _new_in(line: str, before: str) -> list[str]:
    """What ``line`` brings that the file's text ``before`` did not have (both read as a reader sees them, and the
    line with what its base64 or hex tokens decode to: text a model decodes and a human skims over)."""
    line, before = _plain(" ".join([line, *decoded_tokens(line)])), _plain(before)
    found = [f"a link to {host}" for host in new_hosts(line, before)]
    for what, pattern in _RISKY.items():
        found += [what for match in pattern.finditer(line) if match.group().strip() not in before]
    used = set(re.findall(r"[\w.-]+", before.lower())) | _INTERPRETERS
    programs = [m.group(1) for m in _RUN.finditer(line)]
    return found + [f"a command to run that the page did not use (`{p}`)" for p in programs if p.lower() not in used]


def reader_risks(view: DiffView, docs: list[str]) -> list[str]:
    """Why the docs files ``docs`` of a passing patch still need a human reader (empty: none)."""
    why: list[str] = []
    for changed in view.files:
        if changed.path not in docs:
            continue
        before = view.before.get(changed.path)
        if before is None:
            why.append(f"{changed.path}: a new file")
            continue
        why += [f"{changed.path}:{n}: {w}" for n, text in changed.added for w in sorted(set(_new_in(text, before)))]
        if changed.path.endswith(".rst"):
            hidden = [n for n, text in changed.added if _RST_COMMENT.match(text)]
            why += [f"{changed.path}:{n}: text the rendered page hides (a reStructuredText comment)" for n in hidden]
        why += [
            f"{changed.path}:{n}: {w}"
            for n, w in _new_example_values(changed.added, before, view.after.get(changed.path) or "", changed.path)
        ]
        added = [(n, _plain(text)) for n, text in changed.added]
        foreign = foreign_prose(_plain(before), _plain(view.after.get(changed.path) or ""), added)
        why += [f"{changed.path}:{n}: prose in a language the page is not written in" for n in foreign]
        if len(changed.removed) > len(changed.added):
            why.append(f"{changed.path}: removes {len(changed.removed) - len(changed.added)} more line(s) than it adds")
    return why


_NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])")
_FENCE = re.compile(r"^\s*(?:```|~~~)")
_PROMPT = re.compile(r"^\s*(?:>>>|\.\.\.)(?:\s|$)")


def _example_lines(text: str, markdown: bool) -> set[int]:
    """Line numbers (from 1) of ``text``'s examples: a doctest prompt's line, or (Markdown; a reStructuredText
    heading may be underlined with ``~~~``) inside a fenced block."""
    inside, found = False, set()
    for n, line in enumerate(text.splitlines(), 1):
        if markdown and _FENCE.match(line):
            inside = not inside
        elif inside or _PROMPT.match(line):
            found.add(n)
    return found


def _doctest_outputs(text: str) -> set[int]:
    """Line numbers (from 1) of doctest output: the lines after a prompt up to a blank line or a fence. The gate runs
    a changed session (``docs_examples``) and compares them, so a value there is the code's own answer."""
    found, session = set(), False
    for n, line in enumerate(text.splitlines(), 1):
        if _PROMPT.match(line):
            session = True
        elif not line.strip() or _FENCE.match(line):
            session = False
        elif session:
            found.add(n)
    return found


def _new_example_values(added: Sequence[tuple[int, str]], before: str, after: str, path: str) -> list[tuple[int, str]]:
    """Numbers an added example line shows that the page never showed (``timeout=5`` taught as ``timeout=0``): a
    drift fix renames what the code renamed and keeps the values; a new value changes what a reader copies. A
    doctest's output is no such line: the gate checks it against the code."""
    examples = _example_lines(after, path.endswith((".md", ".markdown", ".mdx"))) - _doctest_outputs(after)
    shown = set(_NUMBER.findall(before))
    return [
        (n, f"a value in an example the page did not show ({', '.join(sorted(new))})")
        for n, text in added
        if n in examples and (new := set(_NUMBER.findall(text)) - shown)
    ]
