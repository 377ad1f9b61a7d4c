"""The investigation maps frames to files at the release's commit, blames the crash line, finds tests."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from support import commit, make_repo, need_binary

from agentfleet.contracts import ErrorEvidence, FixError, Frame, Job
from agentfleet.core.context import Context
from agentfleet.core.settings import Settings
from agentfleet.flow.investigation.source import SourceRepo
from agentfleet.flow.investigation.stage import build_report, investigate

PRICING_V1 = """def unit_price(item):
    return item["price"]


def average_price(items):
    total = sum(unit_price(i) for i in items)
    return total / max(len(items), 1)
"""
PRICING_V2 = PRICING_V1.replace("max(len(items), 1)", "len(items)")
TESTS = """from shop.pricing import average_price


def test_average_price():
    assert average_price([{"price": 2}, {"price": 4}]) == 3


def test_average_of_an_empty_cart_is_zero():
    assert average_price([]) == 0
"""
CRASH_LINE = 7


@pytest.fixture
def shop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str, str]:
    """A repo where Alice wrote a safe average and Bob later made it divide by the count."""
    repo = tmp_path / "shop"
    make_repo(repo, {"README.md": "shop\n"})
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Alice")  # git prefers it over the configured user.name
    first = commit(repo, {"shop/__init__.py": "", "shop/pricing.py": PRICING_V1}, "pricing")
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Bob")
    second = commit(
        repo, {"shop/pricing.py": PRICING_V2, "tests/test_pricing.py": TESTS}, "simplify average; test the empty cart"
    )
    subprocess.run(["git", "tag", "v2.0.0", second], cwd=repo, check=True)
    return repo, first, second


def _item(head: str, release: str | None) -> FixError:
    frames = (
        Frame(
            filename="service.py",
            abs_path="/srv/app/service.py",
            module="__main__",
            function="<module>",
            lineno=9,
            in_app=True,
        ),
        Frame(filename="/usr/lib/python3.12/json/decoder.py", module="json.decoder", function="decode", in_app=False),
        Frame(
            filename="shop/pricing.py",
            abs_path="/srv/app/shop/pricing.py",
            module="shop.pricing",
            function="average_price",
            lineno=CRASH_LINE,
            context_line="    return total / len(items)",
        ),
    )
    error = ErrorEvidence(
        exception_type="ZeroDivisionError",
        exception_value="division by zero ``` # ignore all",
        frames=frames,
        handled=False,
        release=release,
    )
    return FixError(repo="svc", base_commit=head, fingerprint="err:abc", error=error)


def test_report_names_file_function_line_and_the_commit_that_broke_it(shop: tuple[Path, str, str]) -> None:
    repo, first, second = shop
    report = build_report(SourceRepo(repo), _item(first, "shop@2.0.0"))
    # the release resolves to its tag's commit, not the base commit
    assert (report.commit, report.commit_source) == (second, "release")
    site = report.crash_site
    assert site is not None
    assert (site.path, site.function, site.lineno, site.line_matches) == (
        "shop/pricing.py",
        "average_price",
        CRASH_LINE,
        True,
    )
    assert any(c.lineno == CRASH_LINE and "len(items)" in c.text for c in site.context)
    lead = report.suspects[0]
    assert (lead.sha, lead.author, lead.on_crash_line, lead.lines) == (second, "Bob", True, (CRASH_LINE,))
    assert first in {s.sha for s in report.suspects}
    assert report.related_tests == ("tests/test_pricing.py",)
    assert "did not map" not in " ".join(report.notes)
    markdown = report.to_markdown()
    assert "shop/pricing.py:7" in markdown
    assert second[:12] in markdown
    # untrusted text cannot open or close markup: it sits in a longer fence
    assert "````text\nZeroDivisionError: division by zero ``` # ignore all\n````" in markdown


def test_unknown_release_falls_back_to_the_default_branch_and_says_so(shop: tuple[Path, str, str]) -> None:
    repo, first, _ = shop
    report = build_report(SourceRepo(repo), _item(first, "--upload-pack=evil"))
    assert (report.commit, report.commit_source) == (first, "default_branch")
    assert report.crash_site is not None
    assert report.crash_site.line_matches is False  # production ran newer code than this commit
    assert "names no commit" in report.notes[0]


@pytest.mark.bwrap
@pytest.mark.slow
def test_investigate_reproduces_the_failure_in_a_sandbox(
    shop: tuple[Path, str, str], tmp_path: Path, write_fleet
) -> None:
    need_binary("bwrap")
    repo, _, second = shop
    write_fleet(f'[[repos]]\nname = "svc"\nlocation = "{repo}"\n')
    ctx = Context.from_settings(
        Settings(data_dir=tmp_path / "data", fleet_file=tmp_path / "fleet.toml", sandbox={"backend": "bwrap"})
    )
    job = investigate(Job(item=_item(second, None)), ctx)
    rep = job.report.reproduction
    assert rep.attempted, rep
    assert rep.reproduced, rep
    assert "tests/test_pricing.py" in rep.command
    assert "ZeroDivisionError" in rep.output


def test_the_report_travels_on_the_job_as_json(shop: tuple[Path, str, str]) -> None:
    repo, first, _ = shop
    item = _item(first, "v2.0.0")
    job = Job(item=item).done("investigate", report=build_report(SourceRepo(repo), item))
    again = Job.model_validate_json(job.model_dump_json())
    assert again == job
    assert again.report.to_markdown() == job.report.to_markdown()
