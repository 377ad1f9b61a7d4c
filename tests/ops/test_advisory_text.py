"""An advisory reads the same in the dry run and in the PR: a severity no advisory states is the default,
marked so in both; summaries are cut between words; ``audit`` says which keys wait and until when."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from support import make_repo

from agentfleet.contracts import Job, UpgradeDependency, utcnow
from agentfleet.core.context import Context
from agentfleet.core.markdown import cell
from agentfleet.flow.fixers.recipes.upgrade import rationale
from agentfleet.flow.monitors import monitor_for
from agentfleet.flow.triage.work_items import work_item_for
from agentfleet.store import work
from ops.kit import cli_env, run_cli

SUMMARY = (
    "The acme-lib request parser accepts header values that contain carriage returns, which lets an attacker "
    "who controls a header split the response and inject arbitrary content into responses served to other users "
    "of the same connection pool."
)
RECORD = {
    "id": "PYSEC-2099-1",
    "summary": SUMMARY,
    "affected": [
        {
            "package": {"name": "acme-lib", "ecosystem": "PyPI"},
            "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.1"}]}],
            "versions": ["1.0"],
        }
    ],
}
FLEET = '[[repos]]\nname = "svc"\nlocation = "svc"\n[repos.advisories]\nsource = "{data}"\nindex_url = "none"\n'


def _fleet(tmp_path: Path, write_fleet: Callable[[str], Path]) -> None:
    data = tmp_path / "osv.json"
    data.write_text(json.dumps([RECORD]))
    make_repo(tmp_path / "svc", {"requirements.txt": "acme-lib==1.0\n"})
    write_fleet(FLEET.format(data=data))


def test_an_unstated_severity_reads_the_same_in_the_dry_run_and_the_pr(
    tmp_path: Path, write_fleet: Callable[[str], Path], ctx: Context
) -> None:
    # Given an advisory that states no severity, with a long summary
    _fleet(tmp_path, write_fleet)
    # When the operator dry-runs the audit, and the monitor's finding becomes an upgrade PR's text
    dry = run_cli(cli_env(ctx), "audit", "svc", "advisories", "--dry-run").output
    finding = monitor_for("advisories", ctx).scan(ctx.repo("svc"))[0]
    item = work_item_for(finding, ctx.repo("svc"), "a" * 40)
    assert isinstance(item, UpgradeDependency)
    pr_text = rationale(item, hashed=False)
    # Then both say "medium", and both say it is the default (the dry run's table by a footnoted mark)
    assert dry.splitlines()[1].startswith("medium*   acme-lib")
    assert "* severity not stated by any advisory: the configured default is shown" in dry
    assert "| PYSEC-2099-1 | - | medium (default: not stated) | 1.1 |" in pr_text
    # And the summary ends on a whole word
    summary = item.advisories[0].summary
    assert summary.endswith(" …")
    assert SUMMARY.startswith(summary.removesuffix(" …")), summary
    assert SUMMARY[len(summary.removesuffix(" …"))] == " "


def test_table_cells_are_cut_between_words() -> None:
    shown = cell("alpha beta gamma delta", limit=15)
    assert shown == "alpha beta …"


def test_audit_says_which_keys_wait_and_until_when(
    tmp_path: Path, write_fleet: Callable[[str], Path], ctx: Context
) -> None:
    # Given an upgrade that finished an hour ago and cools down for 6 hours
    _fleet(tmp_path, write_fleet)
    finding = monitor_for("advisories", ctx).scan(ctx.repo("svc"))[0]
    job = Job(item=work_item_for(finding, ctx.repo("svc"), "a" * 40))  # type: ignore[arg-type]
    finished = utcnow() - timedelta(hours=1)
    work.claim(ctx.store, job, run_id="earlier", cooldown_s=0, stale_s=3600, now=finished)
    work.finish(ctx.store, job)
    # When the operator runs the audit now
    done = run_cli(cli_env(ctx), "audit", "svc", "advisories")
    # Then the key it skipped is named, with when its cooldown ends
    assert "0 started, 1 already in flight or cooling down" in done.output
    assert "  cooling    svc:upgrade_dependency:advisory:requirements.txt:acme-lib (run 1 done at " in done.output
    assert "cooling down until " in done.output
    assert "budgets.cooldown_s=21600" in done.output
