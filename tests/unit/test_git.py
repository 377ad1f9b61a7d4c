"""git failures are classified: an unreachable remote is worth a retry, a bad ref is not."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import free_port, make_repo

from agentfleet.core.errors import PermanentError, TransientError
from agentfleet.core.git import resolve_branch


def test_an_unreachable_remote_is_transient() -> None:
    with pytest.raises(TransientError, match="unable to access"):
        resolve_branch(f"http://127.0.0.1:{free_port()}/repo.git", "main")


def test_a_missing_branch_or_repo_is_permanent_and_says_what_to_fix(tmp_path: Path) -> None:
    make_repo(tmp_path / "svc", {"a.txt": "a\n"})
    with pytest.raises(PermanentError, match="check default_branch"):
        resolve_branch(str(tmp_path / "svc"), "trunk")
    with pytest.raises(PermanentError, match="does not appear to be a git repository|not found|No such"):
        resolve_branch(str(tmp_path / "nowhere"), "main")


def test_credentials_in_a_location_never_reach_an_error_message(tmp_path: Path) -> None:
    location = f"http://deploy:s3cret-token@127.0.0.1:{free_port()}/repo.git"
    with pytest.raises(TransientError) as caught:
        resolve_branch(location, "main")
    assert "s3cret-token" not in str(caught.value)
    assert "http://***@127.0.0.1" in str(caught.value)
