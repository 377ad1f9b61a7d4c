"""The quality monitor's clone detector against pylint's symilar: planted clones found, and what each reports
on real code.

    python benchmarks/clones.py [--min-lines 6] [--json OUT]

Planted: every function of benchmarks/refactor_corpus with at least ``--min-lines`` statement lines is copied
into a second module twice — verbatim (renamed function) and with every local name renamed (libcst: formatting
and comments kept). A detector finds a copy when it reports a duplicate covering ``--min-lines`` lines of both
the original and the copy. Real code: both run on agentfleet's own package; a reported place is *extractable*
when it starts and ends on statements of one block (what the refactor fixer can move into a helper).
Figures go to docs/refactoring.md and docs/performance.md ("Continuous refactoring").
"""

from __future__ import annotations

import argparse
import ast
import io
import json
import time
from pathlib import Path

import libcst as cst
from pylint.checkers.symilar import Symilar

from agentfleet.flow.monitors.quality.audit import measure
from agentfleet.flow.monitors.quality.config import QualityConfig
from agentfleet.flow.monitors.quality.shape import statement_lines

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "benchmarks" / "refactor_corpus" / "corpus"
Place = tuple[str, int, int]


class _Rename(cst.CSTTransformer):
    def __init__(self, names: set[str]) -> None:
        self.names = names

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.Name:
        return updated.with_changes(value=updated.value + "_b") if updated.value in self.names else updated


def _locals(node: ast.FunctionDef) -> set[str]:
    found = {a.arg for a in node.args.args}
    found |= {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    return found


def planted(min_lines: int) -> tuple[dict[str, str], list[tuple[str, Place, Place]]]:
    """Files holding the originals and their copies, and (kind, original, copy) for every planted pair."""
    files: dict[str, str] = {}
    pairs = []
    for path in sorted(CORPUS.glob("*.py")):
        text = path.read_text()
        files[path.name] = text
        tree = ast.parse(text)
        copies = {"exact": [], "renamed": []}  # type: dict[str, list[str]]
        for node in [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]:
            if statement_lines(node) < min_lines or node.name == "__init__":
                continue
            source = ast.get_source_segment(text, node, padded=True) or ""
            source = "\n".join(line[node.col_offset :] for line in source.splitlines())
            for kind in copies:
                copy = source.replace(f"def {node.name}(", f"def {node.name}_{kind}(", 1)
                if kind == "renamed":
                    copy = cst.parse_module(copy).visit(_Rename(_locals(node) - {"self"})).code
                start = sum(len(c.splitlines()) + 1 for c in copies[kind]) + 1
                copies[kind].append(copy)
                end = start + len(copy.splitlines()) - 1
                original = (path.name, node.lineno, node.end_lineno or node.lineno)
                pairs.append((kind, original, (f"copy_{kind}_{path.name}", start, end)))
        for kind, texts in copies.items():
            files[f"copy_{kind}_{path.name}"] = "\n\n".join(texts) + "\n"
    return files, pairs


def ours(files: dict[str, str], min_lines: int) -> list[list[Place]]:
    """The quality monitor's clone groups."""
    audit = measure(files, QualityConfig(min_duplicate_lines=min_lines, rules=[]))
    return [[(p.path, p.start, p.end) for p in g.places] for g in audit.clones]


def symilar(files: dict[str, str], min_lines: int) -> list[list[Place]]:
    """pylint's symilar (comments, docstrings and imports ignored), as groups of places (1-based lines)."""
    sim = Symilar(min_lines=min_lines, ignore_comments=True, ignore_docstrings=True, ignore_imports=True)
    for name, text in files.items():
        sim.append_stream(name, io.StringIO(text))
    groups = []
    for _, couples in sim._compute_sims():
        groups.append([(lineset.name, int(start) + 1, int(end)) for lineset, start, end in couples])
    return groups


def _covers(groups: list[list[Place]], a: Place, b: Place, min_lines: int) -> bool:
    def hit(place: Place, target: Place) -> bool:
        overlap = min(place[2], target[2]) - max(place[1], target[1]) + 1
        return place[0] == target[0] and overlap >= min_lines

    return any(any(hit(p, a) for p in g) and any(hit(p, b) for p in g) for g in groups)


def _aligned(files: dict[str, str], place: Place) -> bool:
    """``place`` starts and ends on statements of one block."""
    tree = ast.parse(files[place[0]])
    for node in ast.walk(tree):
        for name in ("body", "orelse", "finalbody"):
            block = getattr(node, name, None)
            if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                starts = {s.lineno for s in block}
                ends = {s.end_lineno for s in block}
                if place[1] in starts and place[2] in ends:
                    return True
    return False


def real_code(min_lines: int) -> dict[str, dict[str, float]]:
    """Both detectors on agentfleet's own package."""
    files = {str(p.relative_to(ROOT)): p.read_text() for p in sorted((ROOT / "agentfleet").rglob("*.py"))}
    figures = {}
    for name, detector in (("ours", ours), ("symilar", symilar)):
        started = time.monotonic()
        groups = detector(files, min_lines)
        seconds = time.monotonic() - started
        places = [p for g in groups for p in g]
        figures[name] = {
            "files": len(files),
            "groups": len(groups),
            "places": len(places),
            "extractable_share": round(sum(_aligned(files, p) for p in places) / (len(places) or 1), 3),
            "seconds": round(seconds, 2),
        }
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-lines", type=int, default=6)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    files, pairs = planted(args.min_lines)
    results: dict[str, object] = {"planted": {}}
    for name, detector in (("ours", ours), ("symilar", symilar)):
        groups = detector(files, args.min_lines)
        for kind in ("exact", "renamed"):
            wanted = [(a, b) for k, a, b in pairs if k == kind]
            found = sum(_covers(groups, a, b, args.min_lines) for a, b in wanted)
            results["planted"][f"{name}_{kind}"] = f"{found}/{len(wanted)}"  # type: ignore[index]
            print(f"planted {kind:<8} copies found by {name:<8} {found}/{len(wanted)}")
    results["real_code"] = real_code(args.min_lines)
    for name, figures in results["real_code"].items():  # type: ignore[attr-defined]
        print(f"agentfleet/ by {name:<8} " + " ".join(f"{k}={v}" for k, v in figures.items()))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
