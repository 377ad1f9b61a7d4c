"""The gate's review on honest code: what its rules report on the files real releases changed.

    pip download --no-deps --no-binary :all: requests==2.31.0 requests==2.32.0 … -d SDISTS
    python benchmarks/gate_honest.py SDISTS [--phase 1]

Each project in ``SDISTS`` (source archives, ``name-version.tar.gz``) is compared from its oldest to its newest
version there; every ``.py`` file the step changed is reviewed as a patch would be (``review_files``: tests not
weakened, no swallowed exceptions, no special-cased test inputs, suspicious constructs on the added lines,
code acting on the test runner), against the literals of the older version's tests; every docs file
(``.rst``, ``.md``, ``.txt``) it changed goes through the ``sync_docs`` reader rules (what makes a docs patch
wait for a human at phase 4). A file moved under ``src/`` is compared with its old place. The figures are an
upper bound on what the rules would cost honest agent patches: a release changes much more than a fix does.
Figures go to docs/gate.md ("Honest code").
"""

from __future__ import annotations

import argparse
import collections
import re
import tarfile
import tempfile
from pathlib import Path

from packaging.utils import InvalidSdistFilename, parse_sdist_filename
from packaging.version import Version

from agentfleet.analysis import is_test_file, literals_in_tests
from agentfleet.flow.gate.checks import FOR_A_READER
from agentfleet.flow.gate.checks.code_facts import CodeFacts
from agentfleet.flow.gate.checks.docs_claims_judge import claims_check
from agentfleet.flow.gate.checks.docs_touched import touched_names
from agentfleet.flow.gate.checks.sync_docs_risk import reader_risks
from agentfleet.flow.gate.config import GateConfig
from agentfleet.flow.gate.diffview import DiffView
from agentfleet.flow.gate.review import review_files

_REVIEWED = re.compile(r"\.(py|rst|md|txt)$", re.IGNORECASE)


def _sources(archive: Path, into: Path) -> dict[str, str]:
    """The archive's Python and docs files by path inside its top directory (``src/`` dropped)."""
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    files = {}
    for path in into.rglob("*"):
        if path.is_file() and _REVIEWED.search(path.name) and "LICENSE" not in path.name.upper():
            inner = path.relative_to(into).as_posix().split("/", 1)[-1]
            files[inner.removeprefix("src/")] = path.read_text(errors="replace")
    return files


def _projects(sdists: Path) -> dict[str, list[Path]]:
    """Each project's archives, oldest first (names and versions as ``packaging`` reads sdist file names)."""
    found: dict[str, list[tuple[Version, Path]]] = collections.defaultdict(list)
    for archive in sdists.glob("*.tar.gz"):
        try:
            name, version = parse_sdist_filename(archive.name)
        except InvalidSdistFilename:
            continue
        found[name].append((version, archive))
    return {name: [a for _, a in sorted(pairs)] for name, pairs in sorted(found.items()) if len(pairs) > 1}


def _kind(path: str) -> str:
    if not path.endswith(".py"):
        return "docs"
    return "tests" if is_test_file(path) else "code"


def _changed(old: dict[str, str], new: dict[str, str]) -> list[str]:
    """The files the step changed that are reviewed: code and tests, and docs files it edited (not added)."""
    paths = sorted(set(old) | set(new))
    return [p for p in paths if old.get(p) != new.get(p) and (p in old or _kind(p) != "docs")]


def _claims(view: DiffView, path: str, facts: CodeFacts, touched: set[str]) -> list[tuple[str, str, str]]:
    """The claims check on one file: a lie (``docs_claims``), or claims for a reader (``docs_claims_reader``)."""
    check = claims_check(view, [] if path.endswith(".py") else [path], facts, touched)
    reader = [line for line in check.evidence.splitlines() if line.startswith(FOR_A_READER)]
    return ([] if check.passed else [(path, "docs_claims", check.evidence)]) + [
        (path, "docs_claims_reader", line) for line in reader
    ]


def review_step(old: dict[str, str], new: dict[str, str], phase: int) -> list[tuple[str, str, str]]:
    """(path, check, evidence) for every check the step's changed files fail, and code acting on the runner; the
    claims check on docs files and on code files' docstrings, against the newer version's code (the step's changed
    files are "the commits in range")."""
    literals = literals_in_tests(text for path, text in old.items() if is_test_file(path))
    code = {p: t for p, t in new.items() if p.endswith(".py") and not is_test_file(p)}
    facts = CodeFacts(code)
    touched = touched_names(_changed(old, new), lambda p: old.get(p, ""), lambda p: new.get(p, ""))
    found = []
    for path in _changed(old, new):
        before, after = old.get(path), new.get(path)
        view = DiffView.of({path: before}, {path: after})
        if _kind(path) != "tests":
            found += _claims(view, path, facts, touched)
        if not path.endswith(".py"):
            found += [(path, "docs_reader_risks", risk) for risk in reader_risks(view, [path])]
            continue
        review = review_files(view, {path: before}, {path: after}, literals, phase=phase, conf=GateConfig())
        found += [(path, check.name, check.evidence) for check in review.checks if not check.passed]
        found += [(path, "runner_config", str(violation)) for violation in review.runner]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sdists", type=Path, help="a directory of source archives, two or more versions a project")
    parser.add_argument("--phase", type=int, default=1, help="the trust phase reviewed at (suspicious constructs "
                        "are refused below gate.flag_suspicious_from_phase, flagged from it)")  # fmt: skip
    parser.add_argument("--show", action="store_true", help="print every finding, not only the counts")
    args = parser.parse_args()
    projects = _projects(args.sdists)
    if not projects:
        parser.error(f"{args.sdists}: no project with two versions (name-version.tar.gz)")
    per_check: collections.Counter[str] = collections.Counter()
    kinds: collections.Counter[str] = collections.Counter()
    flagged = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, archives in projects.items():
            old, new = (_sources(a, Path(tmp) / a.name) for a in (archives[0], archives[-1]))
            step = _changed(old, new)
            kinds.update(_kind(path) for path in step)
            found = review_step(old, new, args.phase)
            files = {path for path, _, _ in found}
            flagged += len(files)
            per_check.update(f"{check} ({_kind(path)})" for path, check in {(path, check) for path, check, _ in found})
            versions = f"{archives[0].name} → {archives[-1].name}"
            print(f"{name}: {versions}: {len(step)} files changed, {len(files)} with a finding")
            for path, check, evidence in found if args.show else []:
                print(f"  {path} [{check}] {evidence[:300]}")
    counts = f"{kinds['code']} of code, {kinds['tests']} of tests, {kinds['docs']} docs files changed"
    summary = f"{len(projects)} projects, {kinds.total()} files changed ({counts}), {flagged} with a finding"
    print(f"\n{summary} (phase {args.phase})")
    for check, count in per_check.most_common():
        print(f"  {check:34} {count} file(s)")


if __name__ == "__main__":
    main()
