"""A production error's message never reaches a PR title or commit subject: those name the exception type
and where it was raised; the body shows the message fenced, after the repo's scrub patterns."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from delivery.kit import Fleet
from support import git

from agentfleet.contracts import ErrorEvidence, Frame, Job, Verdict
from agentfleet.core.errors import ConfigError
from agentfleet.core.fleet import parse_fleet
from agentfleet.core.scrub import scrub
from agentfleet.flow.delivery.stage import deliver
from agentfleet.forges.local import LocalForge

pytestmark = pytest.mark.redis

MESSAGE = "tenant 'acme-corp' (billing@acme.example) has no plan 4411 for region acme-corp-eu"
FRAMES = (
    Frame(filename="/usr/lib/python3/site-packages/flask/app.py", function="dispatch", in_app=False),
    Frame(filename="svc/plans.py", module="svc.plans", function="plan_for", lineno=12),
)


def _crash(fleet: Fleet) -> Job:
    job = fleet.job(Verdict.PR)
    error = ErrorEvidence(exception_type="KeyError", exception_value=MESSAGE, frames=FRAMES)
    title = f"KeyError: {MESSAGE}"  # what the finding's title carries from production
    return job.model_copy(update={"item": job.item.model_copy(update={"error": error, "title": title})})


def test_titles_name_type_and_place_and_the_body_scrubs_the_message(make_fleet: Callable[..., Fleet]) -> None:
    # Given a crash whose message names a customer, delivered as a PR
    fleet = make_fleet("local", "trust.fix_error = 3")
    delivered = deliver(_crash(fleet), fleet.ctx)
    pr = fleet.forge.get_pr(delivered.delivery.pr_number)
    # Then the title says what was raised and where, nothing of the message
    assert pr.title == "[agentfleet] fix_error: KeyError in svc.plans:plan_for"
    forge = fleet.forge
    assert isinstance(forge, LocalForge)
    subject = git(forge.bare.path, "log", "-1", "--format=%s", pr.branch)
    assert subject == pr.title
    # And the body shows the message once, fenced, with emails, quoted strings and numbers scrubbed
    assert "acme" not in pr.body.replace("acme-corp-eu", "")
    assert "```text\ntenant <quoted> (<email>) has no plan <number> for region acme-corp-eu\n```" in pr.body


def test_a_repo_adds_its_own_scrub_patterns(make_fleet: Callable[..., Fleet]) -> None:
    # Given a repo whose tenants are named acme-…, and which keeps numbers (order ids help debugging)
    fleet = make_fleet(
        "local", 'trust.fix_error = 3\nerrors.scrub = { tenant = "acme-[a-z-]+", email = "[a-z]+@[a-z.]+" }'
    )
    pr = fleet.forge.get_pr(deliver(_crash(fleet), fleet.ctx).delivery.pr_number)
    # Then its patterns, and only those, apply
    assert "tenant '<tenant>' (<email>) has no plan 4411 for region <tenant>" in pr.body
    assert "acme" not in pr.body


def test_an_invalid_scrub_pattern_is_refused_with_its_name(make_fleet: Callable[..., Fleet]) -> None:
    fleet = make_fleet("local", 'errors.scrub = { tenant = "acme-[" }')
    with pytest.raises(ConfigError, match=r"repos\[0\]\.errors\.scrub: .*scrub pattern 'tenant' is not a regular"):
        fleet.ctx.repo("svc")


def test_the_scrub_example_in_the_errors_doc_means_what_it_says() -> None:
    doc = Path(__file__).parents[2] / "docs" / "errors.md"
    (example,) = re.findall(r"```text\n(\[repos\.errors\.scrub\]\n.*?)```", doc.read_text(), flags=re.DOTALL)
    fleet = parse_fleet(f'[[repos]]\nname = "svc"\nlocation = "."\n{example}', doc)
    patterns = fleet.repo("svc").errors.scrub
    assert scrub(MESSAGE, patterns) == "tenant '<tenant>' (<email>) has no plan 4411 for region <tenant>"
