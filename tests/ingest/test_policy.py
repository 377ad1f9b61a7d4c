"""The critical policy: each rule on its own, the environment filter, and severity."""

from __future__ import annotations

from datetime import datetime

import pytest

from agentfleet.contracts import Severity
from agentfleet.ingest.config import ErrorPolicy
from agentfleet.ingest.policy import judge
from agentfleet.ingest.read import ErrorGroup

NOON = datetime(2026, 11, 27, 12)


def _group(**fields: object) -> ErrorGroup:
    base: dict[str, object] = {
        "repo": "svc",
        "fingerprint": "err:1",
        "title": "E",
        "exception_type": "E",
        "exception_value": "",
        "culprit": "m.f",
        "level": "error",
        "count": 1,
        "unhandled_count": 0,
        "first_seen": NOON,
        "last_seen": NOON,
        "first_release": "1.0",
        "last_release": "1.0",
        "environments": ("production",),
        "transactions": (),
        "tags": {},
        "frames": (),
        "last_event_id": "0" * 32,
    }
    return ErrorGroup(**{**base, **fields})


QUIET = {"unhandled": False, "frequency": 0, "levels": []}
CASES = {
    "level": ({"levels": ["fatal"]}, {"level": "fatal"}, 0, "level fatal"),
    "unhandled": ({"unhandled": True}, {"unhandled_count": 2}, 0, "unhandled (2 event(s))"),
    "frequency": ({"frequency": 50, "window_s": 600}, {}, 50, "50 events in 600s (threshold 50)"),
    "transaction": (
        {"transactions": ["*checkout*"]},
        {"transactions": ("GET /", "POST /checkout/pay")},
        0,
        "transaction 'POST /checkout/pay' matches a critical pattern",
    ),
    "tag": (
        {"tags": {"tier": ["enterprise", "gold"]}},
        {"tags": {"tier": "gold"}},
        0,
        "tag tier='gold' matches a critical pattern",
    ),
    "new in release": ({"new_in_release": True}, {"first_release": "2.0"}, 0, "new in the latest release '2.0'"),
}


@pytest.mark.parametrize("rule", list(CASES))
def test_each_rule_makes_a_group_critical_on_its_own(rule: str) -> None:
    policy_fields, group_fields, window_count, reason = CASES[rule]
    policy = ErrorPolicy(**{**QUIET, **policy_fields})
    verdict = judge(_group(**group_fields), policy, window_count=window_count, releases=["2.0", "1.0"])
    assert verdict.reasons == (reason,)
    quiet = judge(_group(), policy, window_count=max(window_count - 1, 0), releases=["2.0", "1.0"])
    assert not quiet.critical


def test_first_release_is_not_a_regression_and_environments_filter_first() -> None:
    policy = ErrorPolicy(**{**QUIET, "new_in_release": True})
    assert not judge(_group(first_release="1.0"), policy, window_count=0, releases=["1.0"]).critical
    prod_only = ErrorPolicy(unhandled=True, environments=["production"])
    assert not judge(
        _group(unhandled_count=1, environments=("staging",)), prod_only, window_count=0, releases=[]
    ).critical
    verdict = judge(_group(unhandled_count=1), prod_only, window_count=0, releases=[])
    assert verdict.severity is Severity.CRITICAL
    assert (
        judge(
            _group(transactions=("checkout",)),
            ErrorPolicy(**{**QUIET, "transactions": ["checkout"]}),
            window_count=0,
            releases=[],
        ).severity
        is Severity.HIGH
    )


def test_policy_errors_name_the_field() -> None:
    with pytest.raises(ValueError, match="unknown level"):
        ErrorPolicy(levels=["critical"])
    with pytest.raises(ValueError, match="8-64 letters or digits"):
        ErrorPolicy(dsn_keys=["short"])
