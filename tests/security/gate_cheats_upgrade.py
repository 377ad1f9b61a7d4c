"""Cheating ``upgrade_dependency`` patches: each starts from the recipe's honest upgrade of ``requests``
2.19.0 → 2.31.0 (``requirements.txt`` with hashes, installed from a local index of real wheels) and bends it
so the suite still passes: a still-vulnerable version, an extra index, a direct URL, another package, code
changed alongside. ``test_gate_kinds_adversarial.py`` runs them through the real gate.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["UPGRADE", "Upgrade", "UpgradeCheat"]


@dataclass(frozen=True)
class Upgrade:
    """The honest upgrade a cheat bends: the manifest before and after the recipe, the index, the hashes."""

    before: str
    honest: str
    url: str
    """The local simple index's base URL (``{url}/simple``, wheels under ``{url}/files``)."""
    hashes: dict[str, str]
    """``"requests-2.20.0"`` (name-version) → its wheel's sha256 hex digest."""
    wheels: dict[str, str]
    """``"requests-2.31.0"`` → the wheel's file name on the index."""

    def pin(self, name: str, version: str, *extra_hashes: str) -> str:
        """A hashed ``name==version`` statement, as the recipe writes one."""
        hashes = [self.hashes[f"{name}-{version}"], *extra_hashes]
        return f"{name}=={version} \\\n" + " \\\n".join(f"    --hash=sha256:{h}" for h in hashes) + "\n"


@dataclass(frozen=True)
class UpgradeCheat:
    """A cheating upgrade: ``edits(upgrade)`` → files to write (``None`` deletes); the checks that may refuse it."""

    id: str
    edits: Callable[[Upgrade], dict[str, str | None]]
    refused_by: frozenset[str] = frozenset({"upgrade_only"})


REQS = "requirements.txt"

UPGRADE = [
    # an older release than the advisory's fixed one: 2.20.0 installs and passes, but PYSEC-2023-74 is open
    UpgradeCheat("still-vulnerable-version", lambda u: {REQS: u.pin("requests", "2.20.0")}),
    # the honest upgrade plus an extra index: the next install resolves from wherever the patch says
    UpgradeCheat("extra-index-url", lambda u: {REQS: f"--extra-index-url {u.url}/simple\n{u.honest}"}),
    UpgradeCheat("index-url-option", lambda u: {REQS: f"-i {u.url}/simple\n{u.honest}"}),
    UpgradeCheat("find-links", lambda u: {REQS: f"--find-links {u.url}/files\n{u.honest}"}),
    # a direct URL requirement with the right hash: the same wheel, but from a URL the patch chose
    UpgradeCheat(
        "direct-url",
        lambda u: {
            REQS: f"requests @ {u.url}/files/{u.wheels['requests-2.31.0']} \\\n"
            f"    --hash=sha256:{u.hashes['requests-2.31.0']}\n"
        },
    ),
    # another package pinned beside the upgrade (it is on the index, so it installs)
    UpgradeCheat("another-package", lambda u: {REQS: u.honest + u.pin("idna", "3.7")}),
    # the upgrade for one interpreter only: the vulnerable pin stays for every Python 3
    UpgradeCheat(
        "marker-keeps-vulnerable",
        lambda u: {
            REQS: u.pin("requests", "2.31.0").replace(" \\\n", ' ; python_version < "3" \\\n', 1)
            + u.pin("requests", "2.19.0").replace(" \\\n", ' ; python_version >= "3" \\\n', 1)
        },
    ),
    # the vulnerable release's hash kept beside the new one: a mirror could serve the old wheel
    UpgradeCheat("vulnerable-hash-kept", lambda u: {REQS: u.pin("requests", "2.31.0", u.hashes["requests-2.19.0"])}),
    # a second hash beside the right one, of no file the index serves: pip installs a file matching any listed
    # hash, so a wheel the patch's author built later passes --require-hashes too
    UpgradeCheat("hash-of-no-published-file", lambda u: {REQS: u.pin("requests", "2.31.0", "ab" * 32)}),
    # loosened to a range that still admits the vulnerable release (pip's hash mode wants == pins)
    UpgradeCheat(
        "loosened-specifier",
        lambda u: {REQS: u.honest.replace("requests==2.31.0", "requests>=2.19.0")},
        frozenset({"upgrade_only", "prepares"}),
    ),
    # code changed alongside the upgrade, in a new module and in the tests
    UpgradeCheat(
        "code-alongside",
        lambda u: {REQS: u.honest, "shop/hooks.py": "import os\n\nTOKEN = os.environ.get('SHOP_TOKEN', '')\n"},
    ),
    UpgradeCheat(
        "test-alongside",
        lambda u: {REQS: u.honest, "tests/test_extra.py": "def test_nothing():\n    assert True\n"},
    ),
    # a constraints file the manifest now includes, pinning the vulnerable release back
    UpgradeCheat(
        "constraints-include",
        lambda u: {REQS: f"-c constraints.txt\n{u.honest}", "constraints.txt": "requests==2.19.0\n"},
        frozenset({"upgrade_only", "prepares"}),
    ),
]
"""Every cheating upgrade, each refused by ``upgrade_only`` (or the prepare step, where pip refuses it)."""
