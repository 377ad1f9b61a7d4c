"""The investigation stage: map an error's frames to the code, name suspect commits and related tests,
and try to reproduce the failure in a sandbox. The result is ``job.report`` (an ``InvestigationReport``)."""

from __future__ import annotations

import logging
from typing import Literal

from agentfleet.contracts import FixError, InvestigationReport, Job, RegressionTest, Reproduction
from agentfleet.core.context import Context
from agentfleet.core.errors import PermanentError
from agentfleet.core.fleet import RepoConfig
from agentfleet.flow.investigation.mapping import locate
from agentfleet.flow.investigation.regression import regression_test
from agentfleet.flow.investigation.reproduce import reproduce
from agentfleet.flow.investigation.source import SourceRepo
from agentfleet.flow.investigation.suspects import related_tests, suspects
from agentfleet.sandboxes.factory import open_sandbox, repo_mirror

__all__ = ["build_report", "investigate"]

log = logging.getLogger(__name__)

Origin = Literal["release", "default_branch"]


def _source(ctx: Context, repo: RepoConfig, commit: str) -> SourceRepo:
    """Git access to ``repo`` with ``commit`` present: the repo itself when local, else the host mirror."""
    if repo.is_local:
        return SourceRepo(repo.location)
    mirror = repo_mirror(ctx, repo)
    mirror.resolve(commit)
    return SourceRepo(mirror.path)


def _commit(source: SourceRepo, item: FixError) -> tuple[str, Origin, list[str]]:
    release = item.error.release
    if release:
        sha = source.release_commit(release)
        if sha:
            return sha, "release", []
        note = f"release {release!r} names no commit or tag in the repo; mapped at the default branch"
        return item.base_commit, "default_branch", [note]
    return item.base_commit, "default_branch", []


def build_report(source: SourceRepo, item: FixError) -> InvestigationReport:
    """Everything the repository alone can tell about ``item``'s error (no reproduction yet)."""
    commit, origin, notes = _commit(source, item)
    commit = source.commit_of(commit) or commit
    locations = locate(source, commit, item.error.frames)
    mapped = [loc for loc in locations if loc.path]
    if len(mapped) < len(locations):
        notes.append(f"{len(locations) - len(mapped)} of {len(locations)} in-app frame(s) map to no file in the repo")
    site = mapped[-1] if mapped else None
    found = suspects(source, commit, site, mapped[:-1]) if site else []
    notes += [suspect.note for suspect in found]
    return InvestigationReport(
        repo=item.repo,
        fingerprint=item.fingerprint,
        commit=commit,
        commit_source=origin,
        release=item.error.release,
        exception_type=item.error.exception_type,
        exception_value=item.error.exception_value,
        crash_site=site,
        locations=tuple(locations),
        suspects=tuple(suspect.commit for suspect in found),
        related_tests=tuple(related_tests(source, commit, mapped)),
        notes=tuple(notes),
    )


def _reproduction(
    ctx: Context, repo: RepoConfig, report: InvestigationReport, test: RegressionTest | None
) -> tuple[Reproduction, RegressionTest | None]:
    """Run the related tests; when they do not reproduce, try the regression test written from the event.

    Returns the reproduction and the regression test, kept only when it failed with the same exception.
    """
    if not report.related_tests and test is None:
        return Reproduction(attempted=False, note="no related tests found"), None
    try:
        with open_sandbox(ctx, repo, report.commit) as box:
            found = reproduce(box, repo, report.related_tests, report.exception_type)
            if found.reproduced or test is None:
                return found, None
            box.write(test.path, test.content)
            replayed = reproduce(box, repo, [test.path], report.exception_type)
    except PermanentError as exc:  # the report stands without a reproduction; say why there is none
        log.warning("investigation sandbox failed repo=%s commit=%s: %s", repo.name, report.commit, exc)
        return Reproduction(attempted=False, note=f"sandbox could not run: {exc}"), None
    if not replayed.reproduced:
        return found, None
    note = f"a regression test replaying {test.call} (the production arguments) fails with {report.exception_type}"
    return replayed.model_copy(update={"note": note}), test


def investigate(job: Job, ctx: Context) -> Job:
    """The job with its investigation report attached (other kinds of work pass through)."""
    item = job.item
    if not isinstance(item, FixError):
        return job
    repo = ctx.repo(item.repo)
    source = _source(ctx, repo, item.base_commit)
    report = build_report(source, item)
    reproduction, test = _reproduction(ctx, repo, report, regression_test(source, report, item))
    report = report.model_copy(update={"reproduction": reproduction, "regression_test": test})
    log.info(
        "investigated repo=%s finding=%s site=%s suspects=%d reproduced=%s",
        item.repo,
        item.fingerprint,
        f"{report.crash_site.path}:{report.crash_site.lineno}" if report.crash_site else "-",
        len(report.suspects),
        report.reproduction.reproduced,
    )
    return job.model_copy(update={"report": report})
