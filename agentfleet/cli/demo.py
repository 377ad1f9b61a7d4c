"""``agentfleet demo``: the whole fleet on embedded defaults, from a production crash to a verified PR."""

from __future__ import annotations

from pathlib import Path

import click

__all__ = ["COMMANDS"]


@click.command()
@click.option(
    "--dir",
    "workdir",
    type=click.Path(path_type=Path),
    default=Path("agentfleet-demo"),
    show_default=True,
    help="Where the demo builds its repo, fleet file, store and logs (recreated on each run).",
)
@click.option(
    "--timeout",
    type=float,
    default=110.0,
    show_default=True,
    help="Seconds to wait for the pull request after the crash.",
)
def demo(workdir: Path, timeout: float) -> None:
    """A service crashes in production; the fleet investigates, fixes, verifies and opens a PR.

    Runs real processes on this machine — a private Redis (unless AGENTFLEET_REDIS_URL is set), the
    ingest server, a worker, beat — plus sandboxes (Docker or bubblewrap) and the local forge. No
    network, no LLM: the offline repair engine writes the fix.
    """
    from agentfleet.demo.run import run_demo

    raise SystemExit(run_demo(workdir, timeout=timeout, echo=click.echo))


COMMANDS = [demo]
