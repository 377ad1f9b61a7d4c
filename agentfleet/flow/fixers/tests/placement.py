"""Where the repo keeps tests: ``test_<module>.py`` beside the existing tests, or a new file when there is none."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from pathlib import PurePosixPath

from agentfleet.analysis import is_test_file, module_name

__all__ = ["test_path"]


def _stem(path: str) -> PurePosixPath:
    module = PurePosixPath(path)
    return module.parent if module.stem == "__init__" else module.with_suffix("")


def _imports(text: str, module: str) -> bool:
    """``text`` imports ``module`` (``import a.b``, ``from a.b import x``, ``from a import b``)."""
    parent, _, last = module.rpartition(".")
    pattern = rf"(import|from)\s+{re.escape(module)}\b"
    if parent:
        pattern += rf"|from\s+{re.escape(parent)}\s+import\s+[^\n]*\b{re.escape(last)}\b"
    return re.search(pattern, text) is not None


def _test_dir(tests: list[str]) -> str:
    dirs = Counter(str(PurePosixPath(t).parent) for t in tests)
    for preferred in ("tests", "test"):
        if preferred in dirs:
            return preferred
    return dirs.most_common(1)[0][0] if dirs else "tests"


def test_path(files: list[str], module_path: str, test_sources: Mapping[str, str]) -> str:
    """The test file new tests for ``module_path`` go in (it may exist already: they are then appended)."""
    stem = _stem(module_path)
    module = module_name(module_path) or stem.name
    tests = [f for f in files if is_test_file(f) and PurePosixPath(f).name.startswith("test_") and f.endswith(".py")]
    name = f"test_{stem.name}.py"
    same = [t for t in tests if PurePosixPath(t).name == name and _imports(test_sources.get(t, ""), module)]
    if same:
        return min(same, key=lambda t: (len(PurePosixPath(t).parts), t))
    folder = _test_dir(tests)
    taken = set(files)
    if f"{folder}/{name}" in taken or folder == "." and name in taken:
        name = f"test_{'_'.join(stem.parts[-2:])}.py"
    return name if folder == "." else f"{folder}/{name}"
