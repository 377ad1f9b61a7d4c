"""Text from production, diffs and commands shows up literally in PR bodies and reports, never as markup."""

from __future__ import annotations

import pytest

from agentfleet.contracts import ErrorEvidence, FixError, GateDecision, Job, Verdict
from agentfleet.core.markdown import code, fence, safe_link
from agentfleet.flow.delivery.report import job_markdown


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("m.py:6", "`m.py:6`"),
        ("a `tick` inside", "`` a `tick` inside ``"),
        ("line one\nline two", "`line one line two`"),
        ("", "`  `"),
    ],
)
def test_code_spans_hold_whatever_they_are_given(text: str, span: str) -> None:
    assert code(text) == span


def test_a_fence_is_longer_than_any_backtick_run_inside() -> None:
    assert fence("```\nrm -rf /\n```").startswith("````text\n")


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://sentry.example/issues/42/", "<https://sentry.example/issues/42/>"),
        ("https://evil.example/ x](javascript:alert(1))", None),
        ("javascript:alert(1)", None),
        ("https://a.example/<img>", None),
    ],
)
def test_only_plain_http_links_are_shown(url: str, shown: str | None) -> None:
    assert safe_link(url) == shown


def test_a_hostile_error_title_and_link_stay_inert_in_the_pr_body() -> None:
    title = "@security-team ![x](https://evil.example/t.png) <script>alert(1)</script>"
    error = ErrorEvidence(exception_type="ValueError", tags={"url": "https://evil.example/ x](javascript:1)"})
    item = FixError(repo="svc", base_commit="a" * 40, fingerprint="err:1", error=error, title=title)
    body = job_markdown(Job(item=item, decision=GateDecision(verdict=Verdict.REPORT, reasons=(title,))))
    heading = body.splitlines()[1]
    assert heading == "# [agentfleet] fix_error: `ValueError`", "a fix_error title names the exception, never its text"
    assert f"- {code(title)}" in body, "gate reasons are code spans too"
    assert "javascript" not in body
