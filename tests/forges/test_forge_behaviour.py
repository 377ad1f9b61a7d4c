"""One behaviour suite for every forge: memory, local (bare repo + store), GitHub (PyGithub → stand-in)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from agentfleet.core.errors import PermanentError, PolicyViolation
from agentfleet.forges import PRSpec, PRState
from forges.kit import FIX, FIX_WITH_TEST, ForgeUnderTest

BRANCH = "agentfleet/fix-error/0123456789ab"
FORGES = ["memory", "local", "github"]
GIT_FORGES = ["local", "github"]

MakeForge = Callable[[str], ForgeUnderTest]


def _open(f: ForgeUnderTest, *, draft: bool = True, diff: str = FIX) -> int:
    f.forge.push(BRANCH, base_commit=f.base, diff=diff, message="fix: add adds")
    spec = PRSpec(branch=BRANCH, title="Fix add", body="root cause", draft=draft, labels=("agentfleet", "fix-error"))
    return f.forge.open_pr(spec).number


@pytest.mark.parametrize("kind", FORGES)
def test_a_rerun_updates_the_pr_and_a_draft_becomes_ready(kind: str, make_forge: MakeForge) -> None:
    # Given a draft PR for a pushed branch
    f = make_forge(kind)
    head = f.forge.push(BRANCH, base_commit=f.base, diff=FIX, message="fix")
    pr = f.forge.open_pr(PRSpec(branch=BRANCH, title="Fix add", draft=True, labels=("agentfleet",)))
    assert (pr.state, pr.draft, pr.labels, pr.head_sha) == (PRState.OPEN, True, ("agentfleet",), head)
    # When the same patch is pushed again and the PR updated to ready
    assert f.forge.push(BRANCH, base_commit=f.base, diff=FIX, message="fix") == head
    found = f.forge.find_pr(BRANCH)
    assert found is not None
    assert found.number == pr.number
    updated = f.forge.update_pr(pr.number, PRSpec(branch=BRANCH, title="Fix add (v2)", body="more", labels=("a", "b")))
    # Then there is still one PR, now ready, with the new text and labels
    assert (updated.title, updated.body, updated.draft, updated.labels) == ("Fix add (v2)", "more", False, ("a", "b"))
    assert [p.number for p in f.forge.list_prs(PRState.OPEN)] == [pr.number]
    assert "+    return a + b" in f.forge.diff(pr.number)


@pytest.mark.parametrize("kind", FORGES)
def test_a_ready_pr_never_goes_back_to_draft(kind: str, make_forge: MakeForge) -> None:
    f = make_forge(kind)
    number = _open(f, draft=False)
    assert f.forge.update_pr(number, PRSpec(branch=BRANCH, title="t", draft=True)).draft is False


@pytest.mark.parametrize("kind", GIT_FORGES)
def test_a_new_patch_moves_the_branch_forward_never_by_force(kind: str, make_forge: MakeForge) -> None:
    f = make_forge(kind)
    first = f.forge.push(BRANCH, base_commit=f.base, diff=FIX, message="first")
    second = f.forge.push(BRANCH, base_commit=f.base, diff=FIX_WITH_TEST, message="second")
    assert f.bare is not None
    assert second != first
    assert f.bare.is_ancestor(first, second)
    assert f.bare.is_ancestor(f.base, second)
    assert "def test_add" in f.bare.git("show", f"{second}:tests/test_add.py")


@pytest.mark.parametrize("kind", FORGES)
@pytest.mark.parametrize("branch", ["main", "release", "feature/x", "agentfleet/../main"])
def test_writes_outside_agent_branches_are_refused(kind: str, branch: str, make_forge: MakeForge) -> None:
    f = make_forge(kind)
    with pytest.raises(PolicyViolation, match="refusing"):
        f.forge.push(branch, base_commit=f.base, diff=FIX, message="sneaky")
    with pytest.raises(PolicyViolation):
        f.forge.open_pr(PRSpec(branch=branch, title="sneaky"))
    if f.bare is not None:
        assert f.bare.sha(f"refs/heads/{branch}") in (None, f.base)
    if f.github is not None:
        assert f.github.writes() == []


@pytest.mark.parametrize("kind", GIT_FORGES)
def test_a_patch_that_does_not_apply_is_a_permanent_error(kind: str, make_forge: MakeForge) -> None:
    f = make_forge(kind)
    stale = FIX.replace("-    return a - b", "-    return a * b")
    with pytest.raises(PermanentError, match="does not apply"):
        f.forge.push(BRANCH, base_commit=f.base, diff=stale, message="stale")


@pytest.mark.parametrize("kind", FORGES)
def test_merge_needs_a_ready_open_pr(kind: str, make_forge: MakeForge) -> None:
    # Given a draft PR
    f = make_forge(kind)
    number = _open(f, draft=True)
    # Then it cannot be merged until it is ready
    with pytest.raises(PermanentError, match="draft"):
        f.forge.merge(number)
    f.forge.update_pr(number, PRSpec(branch=BRANCH, title="Fix add"))
    merged = f.forge.merge(number)
    assert merged.state is PRState.MERGED
    assert merged.merge_sha
    if f.bare is not None:
        assert "return a + b" in f.default_file("app.py")
    with pytest.raises(PermanentError, match="already merged"):
        f.forge.close(number)


@pytest.mark.parametrize("kind", FORGES)
def test_close_leaves_the_default_branch_alone(kind: str, make_forge: MakeForge) -> None:
    f = make_forge(kind)
    number = _open(f, draft=False)
    assert f.forge.close(number).state is PRState.CLOSED
    assert f.forge.list_prs(PRState.OPEN) == []
    with pytest.raises(PermanentError):
        f.forge.merge(number)
    if f.bare is not None:
        assert "return a - b" in f.default_file("app.py")


@pytest.mark.parametrize("kind", FORGES)
def test_an_issue_is_updated_not_duplicated(kind: str, make_forge: MakeForge) -> None:
    f = make_forge(kind)
    first = f.forge.file_issue("Report: add subtracts", "v1", ("agentfleet",))
    again = f.forge.file_issue("Report: add subtracts", "v2", ("agentfleet",), number=first.number)
    assert again == first
    f.forge.comment(first.number, "seen again")


@pytest.mark.parametrize("kind", FORGES)
def test_an_issue_is_found_by_the_marker_in_its_body_and_a_pr_never_is(kind: str, make_forge: MakeForge) -> None:
    # Given a PR and an issue whose bodies carry the same key marker, and an issue with another key's
    f = make_forge(kind)
    marker = "<!-- agentfleet:svc:fix_error:err-1 -->"
    assert f.forge.find_issue(marker) is None
    f.forge.push(BRANCH, base_commit=f.base, diff=FIX, message="fix")
    f.forge.open_pr(PRSpec(branch=BRANCH, title="Fix add", body=f"{marker}\nthe fix"))
    assert f.forge.find_issue(marker) is None
    filed = f.forge.file_issue("Report: add subtracts", f"{marker}\nthe report", ("agentfleet",))
    f.forge.file_issue("Another report", "<!-- agentfleet:svc:fix_error:err-10 -->\n100% _literal_", ())
    # When an issue is looked up by the marker, Then exactly that issue is found
    assert f.forge.find_issue(marker) == filed
    assert f.forge.find_issue("<!-- agentfleet:svc:fix_error:err-% -->") is None


@pytest.mark.parametrize("kind", FORGES)
def test_a_reverted_merge_is_reported(kind: str, make_forge: MakeForge) -> None:
    # Given a merged PR
    f = make_forge(kind)
    number = _open(f, draft=False)
    sha = f.forge.merge(number).merge_sha
    assert sha not in f.forge.reverted()
    # When a human reverts it on the default branch
    f.revert(number)
    # Then the forge reports its merge commit as reverted
    assert sha in f.forge.reverted()
