"""A real repo, its fleet file and a context for refactoring tests; the sample code they share."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from support import commit, make_repo

from agentfleet.contracts import Finding, Job, Refactor
from agentfleet.core.context import Context
from agentfleet.core.fleet import RepoConfig
from agentfleet.core.settings import Settings
from agentfleet.flow.monitors.run import scan
from agentfleet.flow.triage.work_items import work_item_for
from agentfleet.sandboxes.config import SandboxConfig

ORDERS = """def price(order):
    return order["qty"] * order["unit"]
"""
NESTED = """

def shipping(qty, express, country):
    if qty:
        if qty > 0:
            if country == "FR":
                if express:
                    if qty > 10:
                        return 5
                    else:
                        return 10
                else:
                    return 3
            else:
                return 20
        else:
            return 0
    else:
        return None
"""
DUPLICATED = """

def summary(prices, tax):
    total = 0
    for p in prices:
        if p > 0:
            total += p * 2
    total = total * (1 + tax)
    total = round(total, 2)
    print("summary", total)
    return total


def invoice(amounts, rate):
    s = 0
    for a in amounts:
        if a > 0:
            s += a * 2
    s = s * (1 + rate)
    s = round(s, 2)
    return {"total": s}
"""
TESTS = """from shop.orders import invoice, price, shipping, summary


def test_price():
    assert price({"qty": 2, "unit": 3}) == 6


def test_shipping():
    assert shipping(12, True, "FR") == 5
    assert shipping(3, True, "FR") == 10
    assert shipping(3, False, "FR") == 3
    assert shipping(3, False, "DE") == 20
    assert shipping(-1, False, "FR") == 0
    assert shipping(0, False, "FR") is None


def test_totals():
    assert summary([1.0, -2.0, 3.0], 0.1) == 8.8
    assert invoice([1.0, 2.0], 0.0) == {"total": 6.0}
"""
PRICE_TEST = 'from shop.orders import price\n\n\ndef test_price():\n    assert price({"qty": 2, "unit": 3}) == 6\n'
BASE = {"shop/__init__.py": "", "shop/orders.py": ORDERS, "tests/test_orders.py": PRICE_TEST}
"""A small shop; ``NESTED`` and ``DUPLICATED`` are the debt a later commit adds (``TESTS`` tests it)."""
QUALITY = "min_duplicate_lines = 5\nmax_nesting = 3"


@dataclass
class RefactorFleet:
    """A real repo ``name`` at ``path``, the fleet file naming it, and a context whose sandboxes use ``backend``."""

    path: Path
    name: str
    ctx: Context
    extra: str = ""

    @classmethod
    def create(
        cls, root: Path, data: Path, backend: str, files: dict[str, str], quality: str, extra: str
    ) -> RefactorFleet:
        make_repo(root / "shop", files)
        settings = Settings(
            data_dir=data,
            fleet_file=root / "fleet.toml",
            database_url=f"sqlite:///{root / 'store.db'}",
            sandbox=SandboxConfig(backend=backend),  # type: ignore[arg-type]
        )
        made = cls(root / "shop", "shop", Context.from_settings(settings), extra)
        made.configure(quality)
        return made

    def configure(self, quality: str) -> None:
        """Rewrite the fleet file with ``quality`` as the ``[repos.quality]`` section."""
        text = f'[[repos]]\nname = "{self.name}"\nlocation = "{self.name}"\n{self.extra}\n[repos.quality]\n{quality}\n'
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
        """The quality monitor's findings now."""
        return scan(self.ctx, self.name, "quality")

    def job(self, finding: Finding) -> Job:
        """The refactor job triage would start for ``finding``."""
        item = work_item_for(finding, self.repo, finding.commit or "")
        assert isinstance(item, Refactor)
        return Job(item=item)
