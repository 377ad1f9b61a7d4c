"""Contracts survive JSON round trips and refuse what they cannot read."""

from __future__ import annotations

import json

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

from agentfleet.contracts import (
    AdvisoryEvidence,
    AdvisoryRef,
    Check,
    ClonePlace,
    CoverageEvidence,
    Delivery,
    DeliveryState,
    DocsEvidence,
    ErrorEvidence,
    ExpandTests,
    Finding,
    FindingKind,
    FixError,
    Frame,
    GateDecision,
    Heartbeat,
    HeartbeatEvidence,
    Job,
    MonitorRun,
    NoFix,
    Patch,
    QualityEvidence,
    QualityMetrics,
    Refactor,
    SandboxResult,
    SyncDocs,
    TrustPhase,
    UpgradeDependency,
    Verdict,
    WorkItem,
    WorkKind,
)

SHA = "0123456789abcdef0123456789abcdef01234567"
ERROR = ErrorEvidence(
    exception_type="ConnectionPoolExhausted",
    exception_value="pool of 10 exhausted",
    frames=(Frame(filename="checkout/db.py", function="acquire", module="checkout.db", lineno=42),),
    handled=False,
    release="1.4.2",
    tags={"service": "checkout"},
)
ADVISORY = AdvisoryEvidence(
    package="requests",
    current="==2.19.0",
    manifest="requirements.txt",
    advisories=(AdvisoryRef(id="PYSEC-2018-28", aliases=("CVE-2018-18074",), fixed=("2.20.0",)),),
    fixed_version="2.20.0",
)
EVIDENCE = {
    FindingKind.ERROR: ERROR,
    FindingKind.ADVISORY: ADVISORY,
    FindingKind.COVERAGE: CoverageEvidence(path="app/cart.py", lines=(3, 4)),
    FindingKind.DOCS: DocsEvidence(symbols=("cart.total",), since_commit=SHA),
    FindingKind.QUALITY: QualityEvidence(
        rule="complexity",
        path="app/cart.py",
        line=10,
        function="Cart.total",
        rules=("complexity", "ruff"),
        metrics=QualityMetrics(complexity=14, lines=40, nesting=3, maintainability=31.5, ruff=("SIM102",)),
        limits={"complexity": 10.0, "ruff": 0.0},
        clones=(ClonePlace(path="app/cart.py", function="Cart.total", start=12, end=20),),
    ),
    FindingKind.HEARTBEAT: HeartbeatEvidence(tick="2026-11-27T03:00:00"),
}
COMMON = {"repo": "checkout", "base_commit": SHA, "fingerprint": "fp:1", "trust_phase": TrustPhase.PR}
ITEMS = [
    FixError(error=ERROR, **COMMON),
    UpgradeDependency(
        package="requests",
        current="==2.19.0",
        target_version="2.20.0",
        manifest="requirements.txt",
        advisories=ADVISORY.advisories,
        **COMMON,
    ),
    ExpandTests(path="app/cart.py", lines=(3,), **COMMON),
    SyncDocs(symbols=("cart.total",), **COMMON),
    Refactor(
        rule="complexity",
        path="app/cart.py",
        line=10,
        function="Cart.total",
        metrics=QualityMetrics(complexity=14, coverage=0.75),
        **COMMON,
    ),
    Heartbeat(tick="t", **COMMON),
]
WORK_ITEM = TypeAdapter(WorkItem)


def _roundtrip(model: BaseModel) -> BaseModel:
    return type(model).model_validate_json(model.model_dump_json())


@pytest.mark.parametrize("kind", list(FindingKind))
def test_every_finding_kind_round_trips_through_json(kind: FindingKind) -> None:
    finding = Finding(kind=kind, repo="checkout", fingerprint="fp:1", title="t", evidence=EVIDENCE[kind])
    assert _roundtrip(finding) == finding


@pytest.mark.parametrize("item", ITEMS, ids=lambda i: i.kind)
def test_every_work_item_round_trips_through_the_union(item: BaseModel) -> None:
    wire = json.loads(item.model_dump_json())
    back = WORK_ITEM.validate_python(wire)
    assert back == item
    assert type(back) is type(item)


def test_results_and_a_full_job_round_trip() -> None:
    patch = Patch(base_commit=SHA, diff="--- a/x\n+++ b/x\n", files=("x",), author="repair", rationale="why")
    decision = GateDecision(verdict=Verdict.PR, checks=(Check(name="suite", passed=True, evidence="12 passed"),))
    delivery = Delivery(key=ITEMS[0].key, forge="local", repo="checkout", state=DeliveryState.OPEN, pr_number=7)
    job = Job(item=ITEMS[0], patch=patch, decision=decision, delivery=delivery, stages=("fix", "gate", "deliver"))
    others = [
        SandboxResult(command="pytest", exit_code=1, duration_s=0.5, stdout="1 failed", killed_by=None),
        NoFix(author="repair", reason="no plausible patch", attempts=40),
        MonitorRun(repo="checkout", monitor="errors", run_id="r1", findings=3, started=("k",)),
    ]
    for model in [job, patch, decision, delivery, *others]:
        assert _roundtrip(model) == model


def test_a_newer_schema_version_is_refused() -> None:
    wire = json.loads(ITEMS[0].model_dump_json())
    wire["schema_version"] = 2
    with pytest.raises(ValidationError, match="schema_version"):
        WORK_ITEM.validate_python(wire)


def test_unknown_fields_and_unknown_kinds_are_refused() -> None:
    wire = json.loads(ITEMS[5].model_dump_json())
    with pytest.raises(ValidationError, match="surprise"):
        WORK_ITEM.validate_python({**wire, "surprise": 1})
    with pytest.raises(ValidationError, match="does not match any of the expected tags"):
        WORK_ITEM.validate_python({**wire, "kind": "rewrite_everything"})


def test_evidence_must_match_the_finding_kind() -> None:
    with pytest.raises(ValidationError, match="evidence of kind 'heartbeat'"):
        Finding(kind=FindingKind.ERROR, repo="r", fingerprint="f", title="t", evidence=EVIDENCE[FindingKind.HEARTBEAT])


def test_base_commit_must_be_a_sha() -> None:
    with pytest.raises(ValidationError, match="base_commit"):
        Heartbeat(repo="r", base_commit="main; rm -rf /", fingerprint="f")


def test_keys_and_branches_are_stable_and_safe() -> None:
    item = ITEMS[0]
    assert item.key == "checkout:fix_error:fp:1"
    assert item.branch == "agentfleet/fix-error/" + item.branch.rsplit("/", 1)[1]
    assert len(item.branch.rsplit("/", 1)[1]) == 12
    assert FixError(error=ERROR, **COMMON).branch == item.branch
    assert Heartbeat(**COMMON).branch != item.branch


def test_trust_phase_and_verdicts_are_ordered() -> None:
    assert [int(p) for p in TrustPhase] == [1, 2, 3, 4]
    assert WorkKind("fix_error") is WorkKind.FIX_ERROR
    assert not GateDecision(verdict=Verdict.REJECT).passed
    assert not GateDecision(verdict=Verdict.PR, checks=(Check(name="suite", passed=False),)).passed


def test_a_check_without_evidence_has_an_empty_headline() -> None:
    from agentfleet.contracts import Check

    assert Check(name="x", passed=False).headline == ""
    assert Check(name="x", passed=False, evidence="  \n").headline == ""
    assert Check(name="x", passed=True, evidence="first\nsecond").headline == "first"
