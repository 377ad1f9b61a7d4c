"""Imports of modules a repo's ``setup`` generated in its working copy, served from the prepared environment.

A build often writes into the source tree: hatch-vcs and setuptools-scm a ``_version.py``, an in-place
build its extension modules. The prepare step's workspace is thrown away, so each such file is kept under
``ROOT`` (same relative path) and this finder, installed by a ``.pth`` file of the prepared environment,
serves it when the normal import finds nothing: ``humanize._version`` with ``humanize`` from
``/workspace/src/humanize`` loads ``ROOT/src/humanize/_version.py``. A file the working copy has wins.

The module runs inside sandboxes, on the repo's interpreter: standard library only.
"""

from __future__ import annotations

import importlib.machinery
import os
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType

__all__ = ["ROOT", "GeneratedFinder", "install"]

ROOT = "/opt/agentfleet/env/agentfleet-generated"
"""Where the prepare step keeps the files its ``setup`` generated (the prepared environment's ``REPO_ENV``)."""
WORKDIR = "/workspace"
"""The working copy the kept files came from."""

_LOADERS = (
    (importlib.machinery.ExtensionFileLoader, importlib.machinery.EXTENSION_SUFFIXES),
    (importlib.machinery.SourceFileLoader, importlib.machinery.SOURCE_SUFFIXES),
)


class GeneratedFinder:
    """A ``sys.meta_path`` finder, after the normal ones, for modules kept under ``root``."""

    def __init__(self, root: str = ROOT, workdir: str = WORKDIR) -> None:
        self.root, self.workdir = root, workdir

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        """The kept module ``fullname`` beside the working-copy directories it would be searched in."""
        for entry in path if path is not None else sys.path:
            rel = os.path.relpath(os.path.abspath(entry or os.getcwd()), self.workdir)
            if rel == ".." or rel.startswith("../"):
                continue
            spec = importlib.machinery.FileFinder(os.path.join(self.root, rel), *_LOADERS).find_spec(fullname)
            if spec is not None:
                return spec
        return None


def install() -> None:
    """Append the finder to ``sys.meta_path`` (once) when the prepare step kept any file."""
    if os.path.isdir(ROOT) and not any(isinstance(f, GeneratedFinder) for f in sys.meta_path):
        sys.meta_path.append(GeneratedFinder())
