"""Candidate tests for one function: Pynguin first (its own tool sandbox), the characterisation writer after.

``Pool`` collects candidates from both sources and writes them into the sandbox as one candidate file, each
test under a unique name, beside where the final file goes (so the repo's conftest applies the same way).
"""

from __future__ import annotations

import ast
import logging
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from agentfleet.contracts import stable_hash
from agentfleet.core.errors import PermanentError
from agentfleet.flow.fixers.tests.candidates import Candidate, CandidateSet, split
from agentfleet.flow.fixers.tests.characterise import Target, characterise
from agentfleet.flow.fixers.tests.pynguin import Generated, generate
from agentfleet.flow.fixers.tests.toolenv import tools_repo
from agentfleet.flow.fixers.tests.writer import lint_fixed
from agentfleet.sandboxes.factory import open_sandbox

if TYPE_CHECKING:
    from agentfleet.contracts import ExpandTests
    from agentfleet.core.context import Context
    from agentfleet.core.fleet import RepoConfig
    from agentfleet.sandboxes import Sandbox

__all__ = ["Pool", "from_characterisation", "from_pynguin"]

log = logging.getLogger(__name__)

_MAX_CACHED = 4 << 20


@dataclass
class Pool:
    """Every candidate so far, by the unique name it runs under in the candidate file."""

    imports: list[str] = field(default_factory=list)
    tests: dict[str, Candidate] = field(default_factory=dict)
    dropped: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def add(self, found: CandidateSet) -> int:
        """Add ``found``'s tests (renamed ``test_c<n>``); how many were added."""
        self.imports += [i for i in found.imports if i not in self.imports]
        for name, why in found.dropped.items():
            self.dropped[f"{name} (generated)"] = why
        for candidate in found.tests:
            self.tests[f"test_c{len(self.tests)}"] = candidate
        return len(found.tests)

    def text(self) -> str:
        """The candidate file."""
        bodies = []
        for name, candidate in self.tests.items():
            head, _, rest = candidate.source.partition("(")
            bodies.append(f"def {name}({rest}" if head.startswith("def ") else candidate.source)
        imports = list(dict.fromkeys(["import pytest", *self.imports]))
        return "\n".join([*imports, "", "", "\n\n\n".join(bodies)]) + "\n"

    def lint(self, rules: list[str]) -> None:
        """Apply ruff's fixes for the gate's ``rules`` to every test; drop the tests something is still left in."""
        fixed, left = lint_fixed(self.text(), rules)
        tree = ast.parse(fixed)
        spans = {n.name: (n.lineno, n.end_lineno or n.lineno) for n in tree.body if isinstance(n, ast.FunctionDef)}
        sources = {n.name: ast.unparse(n) for n in tree.body if isinstance(n, ast.FunctionDef)}
        for name in list(self.tests):
            start, end = spans.get(name, (0, -1))
            codes = sorted({code for line, code in left if start <= line <= end})
            if codes or name not in sources:
                candidate = self.tests.pop(name)
                self.dropped[f"{candidate.origin} {candidate.name}"] = f"ruff {', '.join(codes) or 'dropped it'}"
            else:
                self.tests[name] = replace(self.tests[name], source=sources[name])

    @staticmethod
    def path_beside(dest: str) -> str:
        """Where the candidate file goes: the destination's folder."""
        return str(PurePosixPath(dest).parent / "test_agentfleet_candidates.py").removeprefix("./")


def _cached(ctx: Context, repo: RepoConfig, item: ExpandTests, module: str) -> tuple[Path, Generated | None]:
    """Where Pynguin's file for this module at this commit is kept, and what is there: the other functions
    of the same module reuse one run (the text is only ever parsed on the host, never run)."""
    conf = repo.coverage
    key = stable_hash(repo.name, item.base_commit, module, conf.pynguin_version, str(conf.search_budget_s), length=20)
    path = ctx.settings.data_dir / "tests-fixer" / "pynguin" / f"{key}.py"
    if path.is_file() and path.stat().st_size <= _MAX_CACHED:
        return path, Generated(path.read_text(encoding="utf-8", errors="replace"), "Pynguin's tests (cached)", 0.0)
    return path, None


def from_pynguin(ctx: Context, repo: RepoConfig, item: ExpandTests, module: str, pool: Pool) -> None:
    """Pynguin's tests for ``module``, generated in a sandbox with the tool environment (once per commit)."""
    conf = repo.coverage
    cache, generated = _cached(ctx, repo, item, module)
    try:
        if generated is None:
            with open_sandbox(ctx, tools_repo(repo, conf.pynguin_version), item.base_commit) as box:
                generated = generate(box, module, item.path, conf)
            if generated.source is not None:
                cache.parent.mkdir(parents=True, exist_ok=True)
                cache.write_text(generated.source, encoding="utf-8")
    except PermanentError as exc:
        pool.notes.append(f"Pynguin: its tool environment could not be prepared: {str(exc)[-300:]}")
        return
    if generated.source is None:
        pool.notes.append(f"Pynguin ({generated.seconds:.0f}s): {generated.note}")
        return
    added = pool.add(split(generated.source, "pynguin"))
    pool.notes.append(f"Pynguin ({generated.seconds:.0f}s): {generated.note}; {added} candidate(s) after scrubbing")


def from_characterisation(box: Sandbox, repo: RepoConfig, item: ExpandTests, tests: dict[str, str], pool: Pool) -> None:
    """The characterisation writer's tests for the target function."""
    conf = repo.coverage
    found = characterise(
        box, [Target(item.path, item.function)], tests, max_calls=conf.max_calls, timeout=min(conf.test_timeout_s, 5.0)
    )
    added = pool.add(found.tests)
    pool.notes.append(f"characterisation writer: {found.tried} call(s) tried, {added} candidate(s)")
    pool.notes += [f"characterisation writer: {note}" for note in found.notes]
