"""The store holds the longest values the fleet writes: PostgreSQL enforces column lengths (SQLite does not)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect
from support import database_for, make_repo

from agentfleet.contracts import Delivery, DeliveryState, ErrorEvidence, Finding, FindingKind, WorkKind
from agentfleet.contracts.work import branch_name, idempotency_key
from agentfleet.core.context import Context
from agentfleet.flow.triage.stage import triage
from agentfleet.store import Store, deliveries, findings, ledger, work

REPO = "r" + "e" * 63
"""The longest repo name a fleet file accepts."""
FINGERPRINT = "err:" + "f" * 196
"""The longest fingerprint a finding may carry."""
RUN_ID = "nightly-audit:" + REPO + ":errors:2025-06-01T02:00:00+00:00:0f8c2a4e-9b1d-4c3e-8f5a-7d6b2e1c9a04"
"""A monitor run's id is its Celery task id, which the producer may choose (``apply_async(task_id=…)``)."""
FIXER = "acme_platform.maintenance.fixers.codemods.DeprecatedImportRewriterFixer"
"""A fixer named by its dotted path in the fleet file; its attempts are ledger stage ``fix:<name>``."""
HOST = ".".join(["ip-10-128-201-17", "eu-west-1", "compute", "internal", "agents-prod", "k8s", "example"] * 5)[:253]
"""The longest host name (253 characters): a worker's node name ends with it."""
ACTOR = f"agentfleet.fix[0f8c2a4e-9b1d-4c3e-8f5a-7d6b2e1c9a04]@agentfleet-agents-agents_fast-4194304@{HOST}"
"""A stage's ledger actor: ``task[id]@worker node name``."""
FORGE = "acme_platform.forges.gitlab_self_managed.GitLabSelfManagedForge"
"""A forge plugin may name itself by its dotted path."""
OPERATIONS = Path(__file__).resolve().parents[2] / "docs" / "operations.md"
BEFORE_TEXT = {("findings", "last_run"): 64, ("work", "claimed_by"): 64, ("deliveries", "forge"): 64}
BEFORE_TEXT |= {("ledger", "stage"): 32, ("ledger", "actor"): 200}
"""Columns that were ``varchar(n)`` before they became ``text``."""


@pytest.fixture
def long_fleet(store_ctx: Context, tmp_path: Path, write_fleet: Callable[[str], Path]) -> Context:
    """A fleet whose one repo has the longest name allowed, on each store."""
    make_repo(tmp_path / "svc", {"app.py": "print('hi')\n"})
    write_fleet(f'[[repos]]\nname = "{REPO}"\nlocation = "svc"\n')
    return store_ctx


def test_the_longest_values_the_fleet_writes_are_stored_whole(long_fleet: Context) -> None:
    # Given a finding with the longest repo name, fingerprint and title, from a run with a chosen id
    ctx = long_fleet
    finding = Finding(
        kind=FindingKind.ERROR,
        repo=REPO,
        fingerprint=FINGERPRINT,
        title="T" * 300,
        evidence=ErrorEvidence(exception_type="E" * 200),
    )
    # When triage records it and claims its work, a fixer attempt is noted by a worker with a long node name,
    # and a delivery with the longest key goes through a forge plugin
    [job] = triage(ctx, ctx.repo(REPO), [finding], run_id=RUN_ID).jobs
    ledger.append(ctx.store, stage=f"fix:{FIXER}", outcome="no_fix", repo=REPO, key=job.key, actor=ACTOR)
    key = idempotency_key(REPO, WorkKind.UPGRADE_DEPENDENCY, FINGERPRINT)
    branch = branch_name(WorkKind.UPGRADE_DEPENDENCY, FINGERPRINT) + "-99"
    delivery = Delivery(key=key, forge=FORGE, repo=REPO, state=DeliveryState.OPEN, branch=branch, pr_number=1)
    deliveries.save(ctx.store, delivery, kind=WorkKind.UPGRADE_DEPENDENCY.value, verdict="auto_merge")
    # Then every value reads back whole
    found = findings.get(ctx.store, REPO, FINGERPRINT)
    assert found is not None
    assert (found.title, found.last_run) == ("T" * 300, RUN_ID)
    assert [(r.key, r.claimed_by) for r in work.rows(ctx.store, repo=REPO)] == [(job.key, RUN_ID)]
    [attempt] = ledger.recent(ctx.store, stage=f"fix:{FIXER}")
    assert (attempt.actor, attempt.key) == (ACTOR, job.key)
    assert [(r.key, r.forge, r.branch) for r in deliveries.with_prs(ctx.store, repo=REPO)] == [(key, FORGE, branch)]


@pytest.fixture(params=["postgresql"])
def postgres_url(request: pytest.FixtureRequest) -> str:
    """A fresh, empty PostgreSQL database."""
    url = database_for(request)
    assert url is not None
    return url


def _schema(engine: Engine) -> dict[tuple[str, str], str]:
    """(table, column) → the column's type as PostgreSQL reports it, for every table."""
    found = inspect(engine)
    return {(t, c["name"]): str(c["type"]) for t in found.get_table_names() for c in found.get_columns(t)}


def _documented_statements() -> list[str]:
    block = re.search(r"### Schema changes.*?```sql\n(.*?)```", OPERATIONS.read_text(), re.DOTALL)
    assert block is not None, "docs/operations.md lost its 'Schema changes' SQL block"
    return [s.strip() for s in block.group(1).split(";") if s.strip()]


def test_the_documented_alters_bring_an_older_postgresql_store_up_to_date(postgres_url: str) -> None:
    # Given a PostgreSQL store made by the previous release (its columns as they were then)
    store = Store(postgres_url)
    fresh = _schema(store.engine)
    with store.engine.begin() as conn:
        for (table, column), width in BEFORE_TEXT.items():
            conn.exec_driver_sql(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE varchar({width})")
    assert _schema(store.engine) != fresh
    # When an operator runs the statements docs/operations.md lists
    with store.engine.begin() as conn:
        for statement in _documented_statements():
            conn.exec_driver_sql(statement)
    # Then the store's columns are those of a store created now, and the store opens on it
    assert _schema(store.engine) == fresh
    store.dispose()
    Store(postgres_url).dispose()
