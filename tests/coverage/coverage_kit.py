"""A repo, its fleet file and a context for test-expansion tests; the sample code they share."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from support import commit, make_repo

from agentfleet.contracts import ExpandTests, Finding, Job
from agentfleet.core.context import Context
from agentfleet.core.fleet import RepoConfig
from agentfleet.core.settings import Settings
from agentfleet.flow.monitors.run import scan
from agentfleet.flow.triage.work_items import work_item_for
from agentfleet.sandboxes.config import SandboxConfig

PRICING = """def total(prices: list[float], discount: float = 0.0) -> float:
    subtotal = sum(prices)
    return round(subtotal * (1 - discount), 2)
"""
SHIPPING = """

def shipping(weight: float, express: bool = False) -> float:
    if weight <= 0:
        raise ValueError("weight must be positive")
    cost = 4.5 if weight < 2 else 4.5 + (weight - 2) * 1.25
    if express:
        cost *= 2
    return round(cost, 2)
"""
TESTS = "from shop.pricing import total\n\n\ndef test_total():\n    assert total([1.0, 2.0]) == 3.0\n"
BASE = {"shop/__init__.py": "", "shop/pricing.py": PRICING, "tests/test_pricing.py": TESTS}
"""A small shop whose one function is tested; ``SHIPPING`` is the new, untested code a later commit adds."""


@dataclass
class CoverageFleet:
    """A real repo ``name`` at ``path``, the fleet file naming it, and a context whose sandboxes use ``backend``."""

    path: Path
    name: str
    ctx: Context
    extra: str = ""

    @classmethod
    def create(
        cls, root: Path, data: Path, backend: str, files: dict[str, str], coverage: str, extra: str, name: str
    ) -> CoverageFleet:
        make_repo(root / name, files)
        fleet = root / "fleet.toml"
        settings = Settings(
            data_dir=data,
            fleet_file=fleet,
            database_url=f"sqlite:///{root / 'store.db'}",
            sandbox=SandboxConfig(backend=backend),  # type: ignore[arg-type]
        )
        made = cls(root / name, name, Context.from_settings(settings), extra)
        made.configure(coverage)
        return made

    def configure(self, coverage: str) -> None:
        """Rewrite the fleet file with ``coverage`` as the ``[repos.coverage]`` section."""
        text = (
            f'[[repos]]\nname = "{self.name}"\nlocation = "{self.name}"\n{self.extra}\n[repos.coverage]\n{coverage}\n'
        )
        self.ctx.settings.fleet_file.write_text(text)
        self.ctx._fleet = None  # re-read now, whatever the file's mtime resolution

    @property
    def repo(self) -> RepoConfig:
        """The fleet file's entry."""
        return self.ctx.repo(self.name)

    def commit(self, files: dict[str, str], message: str = "change") -> str:
        """Commit ``files`` on the default branch; the new HEAD."""
        return commit(self.path, files, message)

    def scan(self) -> list[Finding]:
        """The coverage monitor's findings now."""
        return scan(self.ctx, self.name, "coverage")

    def job(self, finding: Finding) -> Job:
        """The expand_tests job triage would start for ``finding``."""
        item = work_item_for(finding, self.repo, finding.commit or "")
        assert isinstance(item, ExpandTests)
        return Job(item=item)
