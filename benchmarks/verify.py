"""What the verify step adds to each errors-monitor run: an idle pass, and passes watching deployed fixes.

    python benchmarks/verify.py [--fixes 10 50] [--events 2000] [--repeat 5]

The demo's checkout service as a real git repo; K merged fixes (commits on the default branch, each with
its ``review``/``merged`` ledger row) all deployed by one release; E kept events of that release across
20 error groups; a SQLite store. A pass fetches the repo's history, maps releases, reads the events and
examines the new groups (the first pass of a set also deploys the fixes and blames each new group's
frames; later passes find those groups already examined). Figures go to docs/performance.md ("Verify").
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from agentfleet.contracts import Frame, utcnow
from agentfleet.core.context import Context
from agentfleet.core.git import commit_all
from agentfleet.core.settings import Settings
from agentfleet.demo.sample import create_service_repo
from agentfleet.flow.delivery.record import record_review
from agentfleet.flow.verification.errors import verify_fixes
from agentfleet.ingest.event import ErrorEvent
from agentfleet.ingest.fingerprint import fingerprint
from agentfleet.ingest.record import record_batch

FLEET = '[[repos]]\nname = "checkout"\nlocation = "checkout"\n[repos.errors]\nverify_window = 86400\n'


def _world(root: Path, fixes: int, events: int) -> Context:
    location = root / "checkout"
    create_service_repo(location)
    (root / "fleet.toml").write_text(FLEET)
    ctx = Context.from_settings(Settings(data_dir=root / ".agentfleet", fleet_file=root / "fleet.toml"))
    for i in range(fixes):
        (location / f"fix_{i}.txt").write_text(f"{i}\n")
        sha = commit_all(location, f"fix {i}")
        key = f"checkout:fix_error:err:{i:032x}"
        record_review(ctx.store, repo="checkout", key=key, outcome="merged", pr=i + 1, actor="bench", merge_sha=sha)
    release = commit_all(location, "release")
    now = utcnow()
    batch = []
    for n in range(events):
        frames = (Frame(filename="checkout/cart.py", function=f"handler_{n % 20}", lineno=25, in_app=True),)
        batch.append(
            ErrorEvent(
                event_id=uuid.uuid4().hex,
                repo="checkout",
                fingerprint=fingerprint("KeyError", frames),
                timestamp=now,
                received=now,
                exception_type="KeyError",
                frames=frames,
                release=release,
            )
        )
    with ctx.store.session() as session:
        record_batch(session, batch, bucket_s=60, keep=events)
    return ctx


def _passes(ctx: Context, repeat: int) -> tuple[float, list[float]]:
    repo = ctx.repo("checkout")
    first = time.perf_counter()
    verify_fixes(ctx, repo)
    cold = time.perf_counter() - first
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        verify_fixes(ctx, repo)
        runs.append(time.perf_counter() - start)
    return cold, runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixes", type=int, nargs="+", default=[10, 50])
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-verify-") as tmp:
        ctx = _world(Path(tmp) / "idle", 0, 0)
        _, runs = _passes(ctx, args.repeat)
        print(f"idle pass (nothing merged): median {statistics.median(runs) * 1000:.1f} ms over {args.repeat}")
        for fixes in args.fixes:
            ctx = _world(Path(tmp) / f"k{fixes}", fixes, args.events)
            cold, runs = _passes(ctx, args.repeat)
            print(
                f"{fixes} deployed fixes, {args.events} events in 20 groups: first pass {cold:.2f} s "
                f"(deploys, blames new groups); then median {statistics.median(runs):.2f} s over {args.repeat}"
            )


if __name__ == "__main__":
    main()
