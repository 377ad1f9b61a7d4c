"""The upgrade-dependency recipe: edit the declaring manifest to the minimal fixed version, nothing else."""

from __future__ import annotations

import logging
import posixpath
from collections.abc import Callable, Sequence

from agentfleet.advisories.discovery.locks import LOCK_FILES
from agentfleet.contracts import NoFix, Patch, UpgradeDependency
from agentfleet.core.errors import PermanentError
from agentfleet.core.markdown import cell, code
from agentfleet.flow.fixers.recipes.edit_pyproject import upgrade_pyproject
from agentfleet.flow.fixers.recipes.edit_requirements import upgrade_requirements
from agentfleet.sandboxes import Sandbox

__all__ = ["AUTHOR", "HashLookup", "rationale", "upgrade_dependency"]

log = logging.getLogger(__name__)

AUTHOR = "recipe:upgrade-dependency"

HashLookup = Callable[[str, str], Sequence[str]]
"""``(package, version) -> ["sha256:…", …]``: the hashes of a release's files on the index."""


def rationale(item: UpgradeDependency, hashed: bool) -> str:
    """Markdown for the PR: what changes, and every advisory it fixes (ids, aliases, severity, fixed in)."""
    rows = [
        f"| {a.id} | {', '.join(a.aliases) or '-'} | {a.severity or 'unknown'} | {', '.join(a.fixed) or '-'} "
        f"| {cell(a.summary)} |"
        for a in item.advisories
    ]
    lines = [
        f"Upgrade **{item.package}** {code(item.current)} → {code(item.target_version)} in {code(item.manifest)}: "
        "the smallest released version that fixes every known advisory below and satisfies the repo's other "
        "constraints.",
        "",
        "| advisory | aliases | severity | fixed in | summary |",
        "|---|---|---|---|---|",
        *rows,
    ]
    if hashed:
        lines += ["", f"The `--hash` lines were replaced with the sha256 digests of {item.target_version}'s files."]
    return "\n".join(lines)


def _edit(item: UpgradeDependency, text: str, hashes: HashLookup) -> tuple[str, int, bool]:
    base = posixpath.basename(item.manifest)
    if base == "pyproject.toml":
        new, changed = upgrade_pyproject(text, item.package, item.target_version)
        return new, changed, False
    needs_hashes = "--hash" in text
    digests = hashes(item.package, item.target_version) if needs_hashes else None
    new, changed = upgrade_requirements(text, item.package, item.target_version, digests)
    return new, changed, needs_hashes


def upgrade_dependency(item: UpgradeDependency, box: Sandbox, hashes: HashLookup) -> Patch | NoFix:
    """Edit ``item.manifest`` in ``box`` so it admits only ``item.target_version`` and up; the patch is the diff."""
    if posixpath.basename(item.manifest) in LOCK_FILES:
        tool = "uv lock" if item.manifest.endswith("uv.lock") else "poetry lock"
        return NoFix(
            author=AUTHOR,
            reason=f"{item.manifest} is a lock file; regenerate it with its tool "
            f"(e.g. `{tool} --upgrade-package {item.package}`) to {item.target_version} or later",
        )
    try:
        text = box.read(item.manifest)
    except PermanentError as exc:
        return NoFix(author=AUTHOR, reason=f"cannot read {item.manifest}: {exc}")
    try:
        new, changed, hashed = _edit(item, text, hashes)
    except ValueError as exc:
        return NoFix(author=AUTHOR, reason=f"cannot edit {item.manifest}: {exc}")
    if not changed:
        return NoFix(author=AUTHOR, reason=f"{item.package} is not declared in {item.manifest} at the base commit")
    box.write(item.manifest, new)
    log.info("recipe upgrade package=%s to=%s manifest=%s", item.package, item.target_version, item.manifest)
    return Patch(
        base_commit=item.base_commit,
        diff=box.diff(),
        files=(item.manifest,),
        author=AUTHOR,
        rationale=rationale(item, hashed),
    )
