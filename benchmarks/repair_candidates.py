"""What the repair engine spends writing and judging candidates on a big file (no sandbox, one process).

    python benchmarks/repair_candidates.py [--copies 300] [--candidates 80] [--file PATH --line N]

By default the file is built from a corpus program: its buggy module repeated ``--copies`` times with each
copy's top-level names suffixed (a module of a few thousand lines, as real libraries have), the suspicious
lines the 15 around the bug in the last copy. ``--file``/``--line`` measure a file of your own instead (the
15 lines from ``--line`` on). Printed: the file's lines, the CPU seconds of parsing it and planning the edits
(once per file), and the CPU milliseconds per candidate handed out (rewrite, dedupe, syntax, the
anti-overfitting rules and the early ranking key), over the first ``--candidates``. Figures:
docs/repair.md ("Big files").
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from agentfleet.flow.fixers.repair.candidates import CandidateStream
from agentfleet.flow.fixers.repair.localize import Location

HERE = Path(__file__).resolve().parent
PROGRAM = HERE.parent / "tests" / "repair_corpus" / "08_binary_search" / "repo" / "search.py"
_TOP_NAME = re.compile(r"^(def|class) (\w+)", re.MULTILINE)


def built(copies: int) -> tuple[str, int]:
    """The corpus program repeated ``copies`` times (top-level names suffixed); the first line of the last copy."""
    text = PROGRAM.read_text()
    names = [name for _, name in _TOP_NAME.findall(text)]
    parts = []
    for i in range(copies):
        part = text
        for name in names:
            part = re.sub(rf"\b{name}\b", f"{name}_{i}", part)
        parts.append(part.rstrip("\n") + "\n\n\n")
    return "".join(parts), sum(p.count("\n") for p in parts[:-1]) + 1


def measure(path: str, text: str, lines: list[int], wanted: int) -> tuple[float, int, float]:
    """(CPU seconds to plan, candidates handed out, CPU seconds for them)."""
    locations = [Location(path, line, 1.0 - i / 100) for i, line in enumerate(lines)]
    started = time.process_time()
    stream = CandidateStream(locations, {path: text}.__getitem__, limit=10_000)
    planned = time.process_time()
    count = 0
    while count < wanted:
        batch = stream.take(min(10, wanted - count))
        if not batch:
            break
        count += len(batch)
        for candidate in batch:
            stream.record(candidate.id, True)
    return planned - started, count, time.process_time() - planned


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--copies", type=int, default=300, help="copies of the corpus program in the built file")
    parser.add_argument("--candidates", type=int, default=80, help="candidates to hand out")
    parser.add_argument("--file", type=Path, help="measure this Python file instead")
    parser.add_argument("--line", type=int, help="with --file: the first suspicious line")
    args = parser.parse_args()
    if args.file is not None:
        if args.line is None:
            parser.error("--file needs --line")
        path, text, first = args.file.name, args.file.read_text(), args.line
    else:
        path, (text, first) = "search.py", built(args.copies)
    total = text.count("\n")
    lines = [n for n in range(first, first + 15) if n <= total]
    plan_s, count, spent_s = measure(path, text, lines, args.candidates)
    print(f"file: {path}, {total} lines; suspicious lines {lines[0]}-{lines[-1]}")
    print(f"plan (parse, metadata, edits at 15 lines): {plan_s:.2f} s CPU")
    print(f"candidates: {count} in {spent_s:.2f} s CPU, {spent_s / max(count, 1) * 1000:.1f} ms CPU each")


if __name__ == "__main__":
    main()
