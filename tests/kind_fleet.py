"""A real repo, its fleet file with one work kind's section, and a context: the base of the per-kind test kits."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Self

from support import commit, make_repo

from agentfleet.contracts import Finding, Job
from agentfleet.core.context import Context
from agentfleet.core.fleet import RepoConfig
from agentfleet.core.settings import Settings
from agentfleet.flow.monitors import monitor_for
from agentfleet.flow.triage.work_items import work_item_for
from agentfleet.sandboxes.config import SandboxConfig


@dataclass
class KindFleet:
    """A real repo ``name`` at ``path``, the fleet file naming it, and a context whose sandboxes use ``backend``.

    A subclass names its fleet-file section (also its monitor's name) and the work item type triage makes.
    """

    SECTION: ClassVar[str]
    ITEM: ClassVar[type]

    path: Path
    name: str
    ctx: Context
    extra: str = ""

    @classmethod
    def create(
        cls, root: Path, data: Path, backend: str, files: dict[str, str], section: str, extra: str, name: str
    ) -> Self:
        make_repo(root / name, files)
        settings = Settings(
            data_dir=data,
            fleet_file=root / "fleet.toml",
            database_url=f"sqlite:///{root / 'store.db'}",
            sandbox=SandboxConfig(backend=backend),  # type: ignore[arg-type]
        )
        made = cls(root / name, name, Context.from_settings(settings), extra)
        made.configure(section)
        return made

    def configure(self, section: str) -> None:
        """Rewrite the fleet file with ``section`` as the kind's ``[repos.<SECTION>]`` section."""
        text = f'[[repos]]\nname = "{self.name}"\nlocation = "{self.name}"\n{self.extra}\n'
        self.ctx.settings.fleet_file.write_text(f"{text}[repos.{self.SECTION}]\n{section}\n")
        self.ctx._fleet = None  # re-read now, whatever the file's mtime resolution

    @property
    def repo(self) -> RepoConfig:
        """The fleet file's entry."""
        return self.ctx.repo(self.name)

    def commit(self, files: dict[str, str], message: str = "change") -> str:
        """Commit ``files`` on the default branch; the new HEAD."""
        return commit(self.path, files, message)

    def scan(self) -> list[Finding]:
        """The kind's monitor's findings now, keeping its state as a scheduled run does (without triage)."""
        return monitor_for(self.SECTION, self.ctx).scan(self.repo)

    def job(self, finding: Finding) -> Job:
        """The job triage would start for ``finding``."""
        item = work_item_for(finding, self.repo, finding.commit or "")
        assert isinstance(item, self.ITEM)
        return Job(item=item)
