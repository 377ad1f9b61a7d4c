"""The repair corpus (tests/repair_corpus) as objects, for tests/repair and benchmarks/repair.py."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "BLIND",
    "BLIND3",
    "BLIND4",
    "BLIND5",
    "BLIND6",
    "BLIND7",
    "BLIND8",
    "BLIND9",
    "BLIND10",
    "CORPUS",
    "FRESH",
    "HELD_BACK",
    "PROBE_MEMORY",
    "SPLITS",
    "TUNING",
    "Bug",
    "bugs",
    "combined_files",
    "programs_repo",
]

CORPUS = Path(__file__).resolve().parents[1] / "repair_corpus"
PROBE_MEMORY = 1 << 30
"""Address-space limit of a probe over the combined corpus, as the engine gives its probe (twice a candidate's
512 MB): a bug that grows a list forever (203's heap) then fails its test instead of getting the probe killed."""
TUNING = "tuning"
"""Programs the engine may be tuned on (tests look at these only)."""
HELD_BACK = "held-back"
"""Programs written before the edit families they exercise and never tuned on: only the benchmark runs them."""
FRESH = "fresh"
"""Classic algorithms (129-140) written as a blind check and measured once before the engine changed again."""
BLIND = "blind"
"""Classic single-function bugs (141-154) written as a second blind check, measured once before the engine changed."""
BLIND3 = "blind3"
"""Classic single-function bugs (155-168) written as a third blind check, measured once before the engine changed."""
BLIND4 = "blind4"
"""Classic single-function bugs (169-182) written as a fourth blind check, measured once before the engine changed."""
BLIND5 = "blind5"
"""Classic single-function bugs (183-196) written as a fifth blind check, measured once before the engine changed."""
BLIND6 = "blind6"
"""Classic single-function bugs (197-210) written as a sixth blind check, measured once before the engine changed."""
BLIND7 = "blind7"
"""Classic single-function bugs (211-224) written as a seventh blind check, measured once before the engine changed."""
BLIND8 = "blind8"
"""Classic single-function bugs (225-238) written as an eighth blind check, measured once before the engine changed."""
BLIND9 = "blind9"
"""Classic single-function bugs (239-252) written as a ninth blind check, measured once before the engine changed."""
BLIND10 = "blind10"
"""Classic single-function bugs (253-266) written as a tenth blind check, measured once before the engine changed."""
SPLITS = (TUNING, FRESH, BLIND, BLIND3, BLIND4, BLIND5, BLIND6, BLIND7, BLIND8, BLIND9, BLIND10, HELD_BACK)


@dataclass(frozen=True)
class Bug:
    """One corpus program: its repo files, the known fix, the hidden tests and where the bug is."""

    name: str
    root: Path
    kind: str
    summary: str
    file: str
    line: int
    split: str = TUNING
    """``tuning``, ``fresh``, ``blind``, ``blind3``, ``blind4``, ``blind5``, ``blind6`` or ``held-back``."""

    @property
    def number(self) -> str:
        """The program's number as its directory name spells it (``07``, ``101``)."""
        return self.name.split("_", 1)[0]

    def repo_files(self) -> dict[str, str]:
        """Every file of the buggy program with its visible tests, by repo-relative path."""
        repo = self.root / "repo"
        return {p.relative_to(repo).as_posix(): p.read_text() for p in sorted(repo.rglob("*")) if p.is_file()}

    def fixed_source(self) -> str:
        """The known correct version of ``file``."""
        return (self.root / "fixed" / self.file).read_text()

    def hidden_tests(self) -> str:
        """Tests the engine never sees; a correct patch passes them."""
        return (self.root / "hidden" / "test_hidden.py").read_text()


def _number(root: Path) -> int:
    return int(root.name.split("_", 1)[0])


def bugs(names: list[str] | None = None, split: str | None = None) -> list[Bug]:
    """Every corpus program (or those whose directory name starts with one of ``names``, or of one
    ``split``), in numeric order."""
    found = []
    for root in sorted(CORPUS.glob("[0-9]*_*"), key=_number):
        if names and not any(root.name.startswith(n) for n in names):
            continue
        meta = tomllib.loads((root / "bug.toml").read_text())
        bug = Bug(
            root.name,
            root,
            meta["class"],
            meta["summary"],
            meta["file"],
            int(meta["line"]),
            meta.get("split", TUNING),
        )
        if split is None or bug.split == split:
            found.append(bug)
    return found


def combined_files(*, fixed: bool = False, hidden: bool = False, split: str | None = None) -> dict[str, str]:
    """Every program (of ``split``, when given) in one repo, each under its own directory (with an empty
    ``conftest.py`` so pytest puts that directory on ``sys.path``); optionally with the known fixes and the
    hidden tests."""
    files: dict[str, str] = {}
    for bug in bugs(split=split):
        program = bug.repo_files()
        if fixed:
            program[bug.file] = bug.fixed_source()
        if hidden:
            program[f"test_hidden_{bug.number}.py"] = bug.hidden_tests()
        program["conftest.py"] = ""
        files.update({f"{bug.name}/{rel}": text for rel, text in program.items()})
    return files


PROGRAMS_CONFTEST = (
    "import sys\nfrom pathlib import Path\n\nsys.path.insert(0, str(Path(__file__).parent / 'programs'))\n"
)
"""The root ``conftest.py`` of ``programs_repo``: the programs import by their module names."""


def programs_repo(programs: list[Bug]) -> dict[str, str]:
    """The single-module ``programs`` in one repository the way a benchmark of classic bugs lays them out
    (``programs/<module>.py`` + ``tests/test_<module>.py`` each, one root ``conftest.py``); programs with
    more files than that are left out."""
    files = {"conftest.py": PROGRAMS_CONFTEST}
    for bug in programs:
        program = bug.repo_files()
        if len(program) != 2 or any("/" in rel for rel in program):
            continue
        for rel, text in program.items():
            files[f"tests/{rel}" if rel.startswith("test_") else f"programs/{rel}"] = text
    return files
