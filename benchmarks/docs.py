"""Docs drift: detection precision and recall on the seeded corpus, the share the offline fixer fixes without
placeholders, and the monitor's time on a generated package of 50k+ lines.

    python benchmarks/docs.py [--lines 50000] [--pages 200]

Corpus: tests/docs_drift/corpus.py (27 seeded drifts, 14 changes that need no doc update), each a real commit.
*Precision*: reported symbols that were seeded drifts; *recall*: seeded drifts reported; *fixed without
placeholders*: drifts whose every inconsistency the offline fixer resolved, flagging nothing and writing no
placeholder. The timing audits one commit that renames, adds and removes parameters across the package (both
trees read with griffe, every doc page checked). Figures go to docs/performance.md ("Docs drift").
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from docs_drift.corpus import DRIFTS, QUIET, run_all

from agentfleet.core.git import commit_all
from agentfleet.flow.monitors.docs_drift.audit import audit
from agentfleet.flow.monitors.docs_drift.config import DocsConfig

FUNCTION = '''

def func_{m}_{f}(alpha, beta: int = 3, *, gamma=None, **extra) -> int:
    """Compute something.

    Args:
        alpha: The alpha.
        beta: The beta. Defaults to 3.
        gamma: The gamma.

    Returns:
        A number.
    """
    total = alpha + beta
    for i in range(beta):
        total += i
    if gamma:
        total -= 1
    return total
'''
CLASS = '''

class Thing{m}:
    """A thing."""

    def __init__(self, a, b=1):
        self.a = a
        self.b = b

    def method(self, x, y=2):
        """Do.

        Args:
            x: X.
            y: Y.
        """
        return x + y
'''


def generate(root: Path, lines: int, pages: int) -> int:
    """A package of at least ``lines`` lines (``bigpkg``) and ``pages`` doc pages; returns its line count."""
    (root / "bigpkg").mkdir(parents=True)
    (root / "bigpkg" / "__init__.py").write_text('"""Big."""\n')
    total, m = 0, 0
    while total < lines:
        text = f'"""Module {m}."""\n' + "".join(FUNCTION.format(m=m, f=f) for f in range(25)) + CLASS.format(m=m)
        (root / "bigpkg" / f"mod{m}.py").write_text(text)
        total += text.count("\n")
        m += 1
    (root / "docs").mkdir()
    for page in range(pages):
        mod = page % m
        (root / "docs" / f"page{page}.md").write_text(
            f"# Page {page}\n\nCall `bigpkg.mod{mod}.func_{mod}_1(a, beta=2)`.\n\n```python\n"
            f"from bigpkg.mod{mod} import func_{mod}_2\nfunc_{mod}_2(1, beta=3, gamma=4)\n```\n"
        )
    (root / "CHANGELOG.md").write_text("# Changelog\n")
    return total


def change(root: Path, modules: int = 10) -> None:
    """Rename ``beta`` to ``delta`` in ``func_M_1``, drop ``gamma`` (and ``**extra``) from ``func_M_2``, add ``rho``
    to ``func_M_3``, in the first ``modules`` modules."""
    for m in range(modules):
        path = root / "bigpkg" / f"mod{m}.py"
        text = path.read_text()
        text = text.replace(f"def func_{m}_1(alpha, beta: int = 3,", f"def func_{m}_1(alpha, delta: int = 3,")
        text = text.replace(
            f"def func_{m}_2(alpha, beta: int = 3, *, gamma=None, **extra)", f"def func_{m}_2(alpha, beta: int = 3)"
        )
        text = text.replace(
            f"def func_{m}_3(alpha, beta: int = 3, *, gamma=None,",
            f"def func_{m}_3(alpha, beta: int = 3, *, gamma=None, rho=0,",
        )
        path.write_text(text)


def detection() -> None:
    started = time.monotonic()
    outcomes = run_all(DRIFTS + QUIET)
    tp = sum(len(o.reported & o.case.drifted) for o in outcomes)
    fp = sum(len(o.reported - o.case.drifted) for o in outcomes)
    fn = sum(len(o.case.drifted - o.reported) for o in outcomes)
    drifts = [o for o in outcomes if o.case.drifted]
    clean = [o for o in drifts if o.fixed and not o.placeholders]
    false_alarms = [o.case.name for o in outcomes if not o.case.drifted and o.reported]
    print(
        f"corpus: {len(DRIFTS)} seeded drifts, {len(QUIET)} changes needing no doc update "
        f"({time.monotonic() - started:.1f}s)"
    )
    print(f"precision {tp / max(tp + fp, 1):.3f}  recall {tp / max(tp + fn, 1):.3f}  (tp={tp} fp={fp} fn={fn})")
    print(f"false alarms on no-doc-needed changes: {len(false_alarms)} ({', '.join(false_alarms) or 'none'})")
    print(f"fixed without placeholders: {len(clean)}/{len(drifts)} = {len(clean) / max(len(drifts), 1):.2f}")
    left = [
        f"{o.case.name} ({'placeholders' if o.placeholders else 'flagged for review'})"
        for o in drifts
        if o not in clean
    ]
    print(f"  left to the agent or a human: {', '.join(left)}")


def timing(lines: int, pages: int) -> None:
    with tempfile.TemporaryDirectory(prefix="agentfleet-docs-bench-") as tmp:
        root = Path(tmp)
        total = generate(root, lines, pages)
        base = commit_all(root, "base")
        change(root)
        head = commit_all(root, "change")
        runs = []
        for _ in range(3):
            report = audit(root, base, head, DocsConfig())
            runs.append(report.seconds)
        findings = sum(1 for issues in report.inspection.issues.values() if issues)
        print(
            f"monitor on a {total}-line package, {pages} doc pages: {len(report.changes)} changes, "
            f"{findings} symbols with findings; audit {min(runs):.2f}s best / {max(runs):.2f}s worst of 3"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=50_000, help="lines of the generated package (default 50000)")
    parser.add_argument("--pages", type=int, default=200, help="doc pages of the generated package (default 200)")
    args = parser.parse_args()
    detection()
    timing(args.lines, args.pages)


if __name__ == "__main__":
    main()
