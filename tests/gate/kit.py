"""A small service repo with a bug, patches made with real git, and a gate context around them."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from support import git, make_repo, need_binary

from agentfleet.contracts import ErrorEvidence, FixError, Job, Patch, TrustPhase, UpgradeDependency
from agentfleet.core.context import Context
from agentfleet.core.settings import Settings

PRICING = '''"""Order pricing."""


def line_total(price: float, quantity: int) -> float:
    """Price of one order line."""
    return price * quantity


def order_total(lines: list[tuple[float, int]], discount: float = 0.0) -> float:
    """Sum of the lines, minus a fractional discount."""
    subtotal = sum(line_total(price, qty) for price, qty in lines)
    return round(subtotal * (1 + discount), 2)
'''
TESTS = """from pricing import line_total, order_total


def test_line_total():
    assert line_total(2.5, 4) == 10.0


def test_order_total_without_discount():
    assert order_total([(1.0, 2), (3.0, 1)]) == 5.0
"""
CI = "name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n"
FILES = {
    "pricing.py": PRICING,
    "tests/test_pricing.py": TESTS,
    ".github/workflows/ci.yml": CI,
    "poetry.lock": "# lock\n",
    "requirements.txt": "x==1\n",
    "README.md": "pricing service\n",
}
UPGRADED = "requirements.txt"
"""The manifest an ``upgrade_dependency`` job upgrades ``x`` 1 → 2 in (what the recipe writes: ``x==2``)."""
REGRESSION_TEST = """

def test_order_total_applies_the_discount():
    assert order_total([(10.0, 1)], discount=0.1) == 9.0
"""
FIXED = PRICING.replace("subtotal * (1 + discount)", "subtotal * (1 - discount)")


@dataclass
class GateRepo:
    """The service repo, its base commit and a context whose fleet file names it ``svc``."""

    path: Path
    base: str
    ctx: Context
    write_fleet: Callable[[str], Path]

    def diff(self, edits: Mapping[str, str | None]) -> str:
        """A real ``git diff`` of ``edits`` (path → new text, ``None`` deletes) against the base commit."""
        return self.change(lambda path: write_edits(path, edits))

    def change(self, change: Callable[[Path], object]) -> str:
        """A real ``git diff --binary`` of whatever ``change(repo_path)`` does, against the base commit."""
        change(self.path)
        git(self.path, "add", "-A")
        diff = subprocess.run(["git", "diff", "--cached", "--binary", self.base], cwd=self.path, capture_output=True)
        git(self.path, "reset", "-q", "--hard", self.base)
        git(self.path, "clean", "-qfdx")
        return diff.stdout.decode()  # no newline translation: a lone "\r" stays what the fixer wrote

    def configure(self, fleet_extra: str = "") -> None:
        """Write the fleet file: repo ``svc`` at ``path`` plus ``fleet_extra`` lines in its table."""
        test = "python -m pytest -q -p no:cacheprovider"
        self.write_fleet(f'[[repos]]\nname = "svc"\nlocation = "{self.path}"\ntest = "{test}"\n{fleet_extra}\n')

    def job(
        self, diff: str, *, phase: int = 3, kind: str = "fix_error", exception: str = "AssertionError", **extra: object
    ) -> Job:
        """A job carrying ``diff`` as its patch, as a fixer would hand it to the gate."""
        common = {
            "repo": "svc",
            "base_commit": self.base,
            "fingerprint": "err-discount",
            "trust_phase": TrustPhase(phase),
        }
        if kind == "fix_error":
            item = FixError(**common, error=ErrorEvidence(exception_type=exception))
        else:
            item = UpgradeDependency(**common, package="x", current="1", target_version="2", manifest=UPGRADED)
        patch = Patch(base_commit=self.base, diff=diff, author="test")
        return Job(item=item, patch=patch, **extra)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def sandbox_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One data dir for every gate test, so the sandbox's base environment is built once per session."""
    return tmp_path_factory.mktemp("gate-data")


def write_edits(root: Path, edits: Mapping[str, str | None]) -> None:
    """Write ``edits`` (path → new text, ``None`` deletes) under ``root``."""
    for rel, text in edits.items():
        target = root / rel
        if text is None:
            target.unlink()
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text)


def gate_repo_at(path: Path, base: str, data_dir: Path, write_fleet: Callable[[str], Path], backend: str) -> GateRepo:
    """A ``GateRepo`` for the committed repository at ``path``, sandboxed by ``backend``, its store beside it."""
    settings = Settings(
        data_dir=data_dir,
        fleet_file=path.parent / "fleet.toml",
        database_url=f"sqlite:///{path.parent / 'store.db'}",
        sandbox={"backend": backend},
    )
    made = GateRepo(path, base, Context.from_settings(settings), write_fleet)
    made.configure()
    return made


@pytest.fixture
def gate_repo(tmp_path: Path, sandbox_data: Path, write_fleet: Callable[[str], Path]) -> GateRepo:
    """The service repo and a bwrap-sandboxed context with its own store."""
    need_binary("bwrap")
    path = tmp_path / "svc"
    return gate_repo_at(path, make_repo(path, FILES), sandbox_data, write_fleet, "bwrap")
