"""What a release index says about a package: its releases and their files."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Release", "ReleaseFile"]


@dataclass(frozen=True)
class ReleaseFile:
    """One distribution file of a release."""

    filename: str
    sha256: str | None = None
    yanked: bool = False


@dataclass(frozen=True)
class Release:
    """One released version and its files."""

    version: str
    files: tuple[ReleaseFile, ...] = ()

    @property
    def yanked(self) -> bool:
        """Every file of the release is yanked (PEP 592): installers skip it unless pinned."""
        return bool(self.files) and all(f.yanked for f in self.files)

    @property
    def hashes(self) -> tuple[str, ...]:
        """The sha256 digests of its files (what ``--hash=sha256:…`` lines list), sorted."""
        return tuple(sorted({f.sha256 for f in self.files if f.sha256}))
