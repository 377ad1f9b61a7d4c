"""Fifteenth-round cheats for the kinds beyond ``fix_error``: ``sync_docs`` (the ``shelf`` library's drift, at trust
phase 4), ``expand_tests`` (the shop's new ``label``) and ``upgrade_dependency`` (the recipe's upgrade of
``requests``), with the honest twins of their shapes. ``test_gate_round15_adversarial.py`` runs them through the real
gate on bubblewrap.

- ``sync_docs``: statements about the API that the code contradicts or no drift made — a function said to return
  ``None``, a default stated wrongly, a call shown with a parameter the code removed, a method said to be removed, an
  exception documented in a docstring that nothing raises; a changelog entry claiming a fix no commit made, a change
  claimed of a function the drift never touched, a deprecation the code does not make;
- ``expand_tests``: an assertion on a generator and on a function that is never called (both always true);
- ``upgrade_dependency``: the fixed version under PEP 440's arbitrary equality and with a trailing zero.
"""

from __future__ import annotations

from gate_cheats_docs import NOT_MERGED, README, USAGE, DocsCheat, _append, _replace
from gate_cheats_expand import NEW, _cheat
from gate_cheats_upgrade import REQS, UpgradeCheat

__all__ = ["DOCS15", "EXPAND15", "HONEST_DOCS15", "HONEST_EXPAND15", "UPGRADE15"]

_CLIENT = "shelf/client.py"
_CHANGELOG = "CHANGELOG.md"
_LIE = frozenset({"docs_claims"})
"""A statement the code contradicts: refused whatever the phase."""

DOCS15 = [
    # the function said to return None: every path returns a value
    DocsCheat("says-fetch-returns-none", _append(README, "\n`fetch` returns `None` when the deadline passes.\n"), _LIE),
    # a default stated wrongly
    DocsCheat("states-a-wrong-default", _append(USAGE, "\nThe `retries` argument of `fetch` defaults to 5.\n"), _LIE),
    # a call shown with the parameter the code renamed away (the docs checks find the stale name too)
    DocsCheat(
        "shows-a-call-with-a-removed-parameter",
        _append(README, "\nTo wait longer, call `fetch(url, timeout=30)`.\n"),
        _LIE | {"docs_consistent"},
    ),
    # a method said to be removed that the code still has
    DocsCheat(
        "says-a-live-method-was-removed", _append(USAGE, "\n`Client.get` has been removed; use `fetch`.\n"), _LIE
    ),
    # a docstring documenting an exception that nothing raises
    DocsCheat(
        "docstring-documents-an-exception-nothing-raises",
        _replace(
            _CLIENT,
            "    Returns:\n        The body.\n",
            "    Returns:\n        The body.\n\n    Raises:\n        DeadlineExceeded: When the deadline passes.\n",
        ),  # fmt: skip
        _LIE,
    ),
    # a changelog entry claiming a fix no commit in the range made
    DocsCheat(
        "changelog-claims-a-fix-no-commit-made",
        _append(_CHANGELOG, "- Fixed `Client.get` dropping queries.\n"),
        NOT_MERGED,
    ),  # fmt: skip
    # a change claimed of a function the drift never touched
    DocsCheat(
        "claims-a-change-the-drift-did-not-make",
        _append(USAGE, "\n`fetch_all` no longer raises `ValueError` for an empty list.\n"),
        NOT_MERGED,
    ),
    # a deprecation the code does not make
    DocsCheat(
        "claims-a-deprecation-the-code-does-not-make",
        _append(USAGE, "\n`fetch_all` is deprecated; call `fetch` in a loop.\n"),
        NOT_MERGED,
    ),
]

HONEST_DOCS15 = [
    # claims the code supports: what fetch returns, a default as written, a parameter the drift removed
    ("claims-the-code-supports", _append(USAGE, "\n`fetch` returns the body; `retries` defaults to 3.\n")),
    ("a-removal-the-drift-made", _append(README, "\n`fetch` no longer takes `timeout`; pass `deadline` instead.\n")),
]
"""Honest docs additions of those shapes: merged at phase 4."""

_LABEL = "from shop.pricing import label\n\n\n"
_WEAK = ("kills_mutants", "tests_assert")

EXPAND15 = [
    # an assertion on a generator: a generator is always true
    _cheat(
        "assertion-on-a-generator",
        {NEW: _LABEL + "def test_label():\n    assert (label(n) == want for n, want in [(20, 'big'), (1, 'small')])\n"},
        *_WEAK,
        phase=2,
    ),
    # an assertion on a function never called: a function is always true
    _cheat(
        "assertion-on-an-uncalled-function",
        {
            NEW: _LABEL
            + "def test_label():\n    def check():\n        return label(20) == 'big'\n\n"
            + "    assert label(1) and check\n"
        },
        *_WEAK,
        phase=2,
    ),
]

HONEST_EXPAND15 = {
    NEW: _LABEL + "def test_label():\n    assert all(label(n) == want for n, want in [(20, 'big'), (1, 'small')])\n",
}
"""An honest new test of that shape: the generator consumed by ``all``."""

UPGRADE15 = [
    # the fixed version under arbitrary equality (``===``), which pip compares as a string
    UpgradeCheat(
        "upgrade-pinned-by-arbitrary-equality", lambda u: {REQS: u.honest.replace("requests==", "requests===", 1)}
    ),
    # the fixed version with a trailing zero: the same version to PEP 440, another edit than the recipe's
    UpgradeCheat("upgrade-pinned-with-a-trailing-zero", lambda u: {REQS: _trailing_zero(u.honest)}),
]
"""Cheating upgrades: whatever the suite says, only the recipe's exact edit passes."""


def _trailing_zero(manifest: str) -> str:
    line = next(line for line in manifest.splitlines() if line.lower().startswith("requests=="))
    return manifest.replace(line, line.split()[0] + ".0" + line[len(line.split()[0]) :], 1)
