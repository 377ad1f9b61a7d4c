"""``upgrade_dependency``'s own gate check: the patch is the dependency recipe's edit and nothing else.

- ``upgrade_only``: the patch changes exactly the work item's manifest, and its text after the patch is
  what the recipe makes of the base text — the item's package raised to the item's target version
  (``fixers/recipes``), every other statement byte for byte as it was. For a hashed requirements file
  the recipe's edit is replayed with the hashes the patch wrote, so only those can differ (pip's
  ``--require-hashes`` in the prepare step checks them against the release) — and none of them may be a
  hash the base commit pinned (a file of the vulnerable release), nor — beside hashes of the release's files —
  a hash of no file the repo's index publishes for the target release (pip installs a file matching *any*
  listed hash, so one more hash is a file of the patch author's choosing that a later install would accept;
  when no hash matches, the install fails and the prepare step refuses the patch). The index is read host-side, as
  the recipe reads it; with no index (``index_url = "none"``) only pip's check remains.

What this refuses, whatever the suite says: a version that is not the advisory's fixed one (an older,
still vulnerable release, or a loosened specifier that still admits it), another package pinned, an index
option (``--index-url``, ``--extra-index-url``, ``--find-links``, ``--trusted-host``), a direct URL or VCS
requirement, an edited lock file or code changed alongside the upgrade.
"""

from __future__ import annotations

import posixpath
import re

from agentfleet.advisories.discovery.requirements import logical_lines, split_options
from agentfleet.contracts import Check, Job, UpgradeDependency
from agentfleet.core.context import Context
from agentfleet.core.fleet import RepoConfig
from agentfleet.flow.fixers.recipes import RecipeFixer
from agentfleet.flow.fixers.recipes.edit_pyproject import upgrade_pyproject
from agentfleet.flow.fixers.recipes.edit_requirements import upgrade_requirements
from agentfleet.flow.fixers.recipes.specifiers import replace_specifier
from agentfleet.flow.gate.diffview import DiffView

__all__ = ["upgrade_only"]

_HASH_NAME = re.compile(r"^sha256:[0-9a-f]{64}$")


def _written_hashes(text: str, package: str, target: str) -> list[str]:
    """The ``--hash`` values the patched text gives ``package`` (its first declaration that has any)."""
    for statement in logical_lines(text):
        requirement, hashes = split_options(statement.text)
        if hashes and replace_specifier(requirement, package, target) is not None:
            return list(hashes)
    return []


def _expected(item: UpgradeDependency, before: str, after: str) -> str:
    """The recipe's edit of ``before`` (``ValueError`` when it cannot make one)."""
    if posixpath.basename(item.manifest) == "pyproject.toml":
        return upgrade_pyproject(before, item.package, item.target_version)[0]
    hashes = _written_hashes(after, item.package, item.target_version) if "--hash" in before else None
    if hashes and not all(_HASH_NAME.match(h) for h in hashes):
        raise ValueError(f"{item.package}'s --hash values are not sha256 digests")
    if kept := set(hashes or ()) & set(_written_hashes(before, item.package, item.current)):
        raise ValueError(f"{len(kept)} hash(es) of {item.package} {item.current} kept: its files would still install")
    return upgrade_requirements(before, item.package, item.target_version, hashes)[0]


def _first_difference(expected: str, after: str) -> str:
    pairs = zip(expected.splitlines(), after.splitlines(), strict=False)
    line = next((n for n, (want, got) in enumerate(pairs, 1) if want != got), None)
    if line is None:
        line = min(len(expected.splitlines()), len(after.splitlines())) + 1
    return f"line {line}: {(after.splitlines()[line - 1 : line] or ['(missing)'])[0][:200]!r}"


def _unpublished(ctx: Context, repo: RepoConfig, item: UpgradeDependency, after: str) -> list[str]:
    """The hashes the patch wrote for the target release that name no file the repo's index publishes for it."""
    written = _written_hashes(after, item.package, item.target_version)
    if not written:
        return []
    try:
        published = set(RecipeFixer(ctx).release_hashes(repo.name, item.package, item.target_version))
    except Exception as exc:  # broad on purpose: whatever stops the lookup, the hashes stay unchecked, so refuse
        return [f"{item.manifest}: the index's hashes of {item.package} {item.target_version} cannot be read ({exc})"]
    release = f"{item.package} {item.target_version}"
    if not published & set(written):
        return []  # no hash names a published file: the install fails and the prepare step says so
    unknown = [h for h in written if h not in published]
    return [f"{item.manifest}: {h} is no file the index publishes for {release}" for h in unknown]


def _problems(ctx: Context, repo: RepoConfig, item: UpgradeDependency, view: DiffView) -> list[str]:
    others = sorted(view.paths - {item.manifest})
    problems = [f"{path}: not the manifest {item.manifest} the upgrade is about" for path in others]
    before, after = view.before.get(item.manifest), view.after.get(item.manifest)
    if before is None or after is None:
        return [*problems, f"{item.manifest}: {'added' if before is None else 'deleted'}, not edited"]
    try:
        expected = _expected(item, before, after)
    except ValueError as exc:
        return [*problems, f"{item.manifest}: the recipe cannot edit it ({exc})"]
    if after != expected:
        where = _first_difference(expected, after)
        problems.append(f"{item.manifest}: not the upgrade of {item.package} to {item.target_version} alone, {where}")
    return problems or _unpublished(ctx, repo, item, after)


def upgrade_only(job: Job, ctx: Context, repo: RepoConfig, view: DiffView) -> list[Check]:
    """The patch is the recipe's upgrade of the item's package to its target version in its manifest."""
    item = job.item
    assert isinstance(item, UpgradeDependency), f"upgrade_dependency checks got {item.kind} work"
    problems = _problems(ctx, repo, item, view)
    if problems:
        evidence = "the patch is not the dependency upgrade alone: " + "\n".join(problems[:20])
    else:
        evidence = f"{item.manifest}: {item.package} {item.current} → {item.target_version}, nothing else changes"
    return [Check(name="upgrade_only", passed=not problems, evidence=evidence)]
